export * from './app-config';
export * from './open-event-store';
export * from './projection.providers';
export * from './core.providers';
export * from './blob-store.providers';
export * from './audit.providers';
export * from './ladder-file';
