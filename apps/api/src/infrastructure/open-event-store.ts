import { join } from 'node:path';
import { EsdbEventStore, EventStore, redactConnectionString, SqliteEventStore } from '@tracker/event-store';
import { AppConfig } from '../config/app-config';

/**
 * The one place that turns EVENT_STORE into an adapter. Throws EventStoreUnavailableError,
 * naming the endpoint without its password, when the store cannot be opened or reached.
 */
export async function openEventStore(config: AppConfig): Promise<EventStore> {
  if (config.eventStore === 'esdb') {
    return EsdbEventStore.connect(config.esdbConnectionString ?? '');
  }
  return SqliteEventStore.open(join(config.dataDir, 'events.sqlite'));
}

/** Where the events live, for the start-up banner. */
export function describeEventStore(config: AppConfig): string {
  return config.eventStore === 'esdb'
    ? `${redactConnectionString(config.esdbConnectionString ?? '')} (EventStoreDB)`
    : `${config.dataDir} (embedded event store)`;
}
