import { AppendResult, ExpectedRevision, FeedEvent, NewEvent, RecordedEvent } from './event';

export interface ReadStreamOptions {
  /** Inclusive. Forwards default 0n; backwards default the last event. */
  fromRevision?: bigint;
  direction?: 'forwards' | 'backwards';
  maxCount?: number;
}

export interface AllFilter {
  /** Only events of these types. */
  eventTypes?: readonly string[];
  /** Only events whose stream name starts with one of these. */
  streamPrefixes?: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive checkpoint: events strictly after this position. Omitted: from the start. */
  after?: bigint;
  maxCount?: number;
  filter?: AllFilter;
}

export interface SubscribeOptions {
  /** Exclusive checkpoint, as in ReadAllOptions. */
  after?: bigint;
  filter?: AllFilter;
}

export type EventHandler = (event: RecordedEvent) => Promise<void> | void;

export interface Subscription {
  /** Stops delivery; resolves once the handler is no longer running. */
  stop(): Promise<void>;
}

/**
 * The event store port. Adapters: the embedded SQLite store (default) and EventStoreDB.
 * One contract suite (`testing/event-store.contract.ts`) holds every adapter to it.
 */
export interface EventStore {
  /**
   * Appends atomically. A stale expected revision throws ConcurrencyError and writes nothing.
   * Re-appending events whose ids are already the stream's latest events (a retried write)
   * succeeds without writing them again, as EventStoreDB does.
   */
  appendToStream(
    streamName: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult>;

  /** A stream that does not exist reads as an empty list, never an error. */
  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** The global ordered feed. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /**
   * The event recorded at exactly this global position, or undefined when there is none (a
   * checkpoint kept from another or older store). Positions are opaque: never do arithmetic on
   * them (EventStoreDB's are commit/prepare pairs).
   */
  eventAt(position: bigint): Promise<RecordedEvent | undefined>;

  /**
   * The same events as `readAll`, carrying only what a fold reads, for reading the feed in bulk
   * (projection catch-up and rebuilds): the embedded store then reads fewer columns and parses
   * an event's metadata only if it is read.
   */
  readFeed(options?: ReadAllOptions): Promise<FeedEvent[]>;

  /**
   * Catch-up subscription: every event after the checkpoint, then live ones, each exactly
   * once and in order; the handler is awaited before the next event is delivered.
   * `onError` receives a handler failure; delivery stops there.
   */
  subscribeToAll(
    options: SubscribeOptions,
    handler: EventHandler,
    onError?: (error: unknown) => void,
  ): Subscription;

  close(): Promise<void>;
}
