export * from './event';
export * from './errors';
export * from './event-store.port';
export * from './event-store.token';
export * from './integrity';
export { SqliteEventStore } from './embedded/sqlite-event-store';
export type { SqliteEventStoreOptions } from './embedded/sqlite-event-store';
export { EsdbEventStore, redactConnectionString } from './esdb/esdb-event-store';
export type { EsdbEventStoreOptions } from './esdb/esdb-event-store';
