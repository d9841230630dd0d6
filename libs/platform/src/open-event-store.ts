import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import {
  connectEsdb,
  EventStore,
  EventStoreUnavailableError,
  redactConnectionString,
  SqliteEventStore,
} from '@tracker/event-store';
import { AppConfig } from './app-config';

/**
 * The one place that turns EVENT_STORE into an adapter. Throws EventStoreUnavailableError,
 * naming the endpoint without its password, when the store cannot be opened or reached.
 */
export async function openEventStore(config: AppConfig): Promise<EventStore> {
  if (config.eventStore === 'esdb') {
    // Drops and resumptions go to the application's log, at its level.
    const log = new Logger('EventStoreDB');
    return connectEsdb(config.esdbConnectionString ?? '', {
      warn: (message) => log.warn(message),
    });
  }
  return SqliteEventStore.open(join(config.dataDir, 'events.sqlite'));
}

/** Where the events live, for the start-up banner. */
export function describeEventStore(config: AppConfig): string {
  return config.eventStore === 'esdb'
    ? `${redactConnectionString(config.esdbConnectionString ?? '')} (EventStoreDB)`
    : `${config.dataDir} (embedded event store)`;
}

/** openEventStore, or exit 69 (EX_UNAVAILABLE) naming the endpoint: every start command uses it. */
export async function openEventStoreOrExit(config: AppConfig): Promise<EventStore> {
  try {
    return await openEventStore(config);
  } catch (error) {
    if (error instanceof EventStoreUnavailableError) {
      console.error(error.message);
      process.exit(69);
    }
    throw error;
  }
}
