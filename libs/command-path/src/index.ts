export * from './clock';
export * from './command-meta';
export * from './event-sourced-writer';
export * from './ids';
export * from './input-error';
export * from './write-errors';
export * from './stream-cache';
export * from './bulletin-issue';
