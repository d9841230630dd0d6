import type { EsdbEventStore, EsdbEventStoreOptions } from './esdb-event-store';

/**
 * Connects the EventStoreDB adapter, loading its gRPC client only then: the client takes about
 * 0.1 s to load, which every start on the embedded store paid for nothing.
 */
export async function connectEsdb(
  connectionString: string,
  options: EsdbEventStoreOptions = {},
): Promise<EsdbEventStore> {
  const { EsdbEventStore } = await import('./esdb-event-store');
  return EsdbEventStore.connect(connectionString, options);
}
