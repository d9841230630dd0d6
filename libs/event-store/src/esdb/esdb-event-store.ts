import {
  AppendExpectedRevision,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  ResolvedEvent,
  START,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { assertDistinctIds, checkExpectedRevision, checkMaxCount, messageOf } from '../adapter-rules';
import { ConcurrencyError, EventStoreUnavailableError } from '../errors';
import { AppendResult, ExpectedRevision, FeedEvent, NewEvent, RecordedEvent } from '../event';
import {
  EventHandler,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { computeEventHash } from '../integrity';
import { decodeEvent, encodeEvent, matchesFilter } from './esdb-codec';
import { MAX_PACKED_POSITION, packPosition, unpackPosition } from './esdb-position';
import { EsdbSubscription, ResubscribePolicy } from './esdb-subscription';
import { redactConnectionString } from './connection-string';

export interface EsdbEventStoreOptions {
  /** How long start-up waits for the first answer before giving up. Default 10 000 ms. */
  connectTimeoutMs?: number;
  resubscribe?: ResubscribePolicy;
  /** Where a dropped-and-resumed subscription is reported (an operator's log); console.warn by default. */
  warn?: (message: string) => void;
}

/** Events read from `$all` per request; the port's filters are applied to each page here. */
const PAGE = 256;
/** `any` and `stream_exists` are resolved to the revision read; a writer racing in between makes us re-read. */
const MAX_RACES = 10;

/**
 * The EventStore port on EventStoreDB (or KurrentDB, same protocol) through `@eventstore/db-client`.
 * Each event carries the integrity chain in its metadata, so appends are made at the exact
 * revision whose hash was read: `any` and `stream_exists` become that revision on the wire.
 */
export class EsdbEventStore implements EventStore {
  private closed = false;
  private readonly subscriptions = new Set<EsdbSubscription>();

  private constructor(
    private readonly client: EventStoreDBClient,
    /** The connection string without its password, for messages. */
    readonly endpoint: string,
    private readonly options: EsdbEventStoreOptions,
  ) {}

  /** Connects and waits for one answer, so an unreachable server fails start-up, naming the endpoint. */
  static async connect(
    connectionString: string,
    options: EsdbEventStoreOptions = {},
  ): Promise<EsdbEventStore> {
    const endpoint = redactConnectionString(connectionString);
    let client: EventStoreDBClient;
    try {
      client = EventStoreDBClient.connectionString(connectionString);
    } catch (error) {
      throw new EventStoreUnavailableError(
        `Invalid EventStoreDB connection string ${endpoint}: ${messageOf(error)}`,
      );
    }
    const timeoutMs = options.connectTimeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        collect(client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 })),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } catch (error) {
      await client.dispose().catch(() => undefined);
      throw new EventStoreUnavailableError(`Cannot reach EventStoreDB at ${endpoint}: ${messageOf(error)}`);
    } finally {
      clearTimeout(timer);
    }
    return new EsdbEventStore(client, endpoint, options);
  }

  async appendToStream(
    streamName: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    this.assertOpen();
    assertDistinctIds(streamName, events);
    for (let race = 0; ; race += 1) {
      // Newest first: enough of the tail to recognise a retried write, and the hash to chain to.
      const tail = await this.readStream(streamName, {
        direction: 'backwards',
        maxCount: Math.max(1, events.length),
      });
      const retried = retriedAppend(tail, events);
      if (retried) return retried;
      const head = tail[0] as RecordedEvent | undefined;
      if (events.length === 0) return emptyAppend(streamName, expected, head);
      const wire = wireRevision(streamName, expected, head);
      let revision = head ? head.revision + 1n : 0n;
      let previousHash = head?.hash ?? null;
      const encoded = events.map((event) => {
        // Hash what will be read back, so a value JSON changes (undefined members, Dates) still verifies.
        const data = JSON.parse(JSON.stringify(event.data) ?? 'null') as unknown;
        const metadata = JSON.parse(JSON.stringify(event.metadata)) as NewEvent['metadata'];
        const hash = computeEventHash(
          {
            streamName,
            revision,
            eventId: event.eventId,
            type: event.type,
            schemaVersion: event.schemaVersion,
            data,
            metadata,
          },
          previousHash,
        );
        const written = encodeEvent({ ...event, data, metadata }, { hash, previousHash });
        previousHash = hash;
        revision += 1n;
        return written;
      });
      try {
        const result = await this.client.appendToStream(streamName, encoded, { expectedRevision: wire });
        return {
          nextExpectedRevision: result.nextExpectedRevision,
          position: await this.positionOf(streamName, result.nextExpectedRevision),
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        const resolvedHere = expected === 'any' || expected === 'stream_exists';
        if (resolvedHere && race < MAX_RACES) continue;
        throw new ConcurrencyError(streamName, String(expected), String(error.actualVersion));
      }
    }
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const maxCount = checkMaxCount(options.maxCount);
    if (maxCount === 0) return [];
    const backwards = options.direction === 'backwards';
    try {
      const events = await collect(
        this.client.readStream(streamName, {
          direction: backwards ? BACKWARDS : FORWARDS,
          fromRevision: options.fromRevision ?? (backwards ? END : START),
          maxCount: maxCount ?? Number.MAX_SAFE_INTEGER,
        }),
      );
      return events.map(decodeEvent);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const limit = checkMaxCount(options.maxCount) ?? Infinity;
    let cursor = options.after;
    // Positions past the largest EventStoreDB can hold have nothing after them.
    if (limit === 0 || (cursor !== undefined && cursor >= MAX_PACKED_POSITION)) return [];
    const found: RecordedEvent[] = [];
    for (;;) {
      // Reading $all from a position includes the event at it; the cursor is exclusive, hence + 1.
      const wanted = Math.min(PAGE, limit - found.length + 1);
      const page = await collect(
        this.client.readAll({
          fromPosition: cursor === undefined ? START : unpackPosition(cursor),
          direction: FORWARDS,
          maxCount: wanted,
        }),
      );
      for (const resolved of page) {
        if (!resolved.event?.position) continue;
        const position = packPosition(resolved.event.position);
        if (cursor !== undefined && position <= cursor) continue;
        cursor = position;
        if (!matchesFilter(resolved, options.filter)) continue;
        found.push(decodeEvent(resolved));
        if (found.length >= limit) return found;
      }
      if (page.length < wanted) return found;
    }
  }

  /**
   * Reading $all from a position starts with the event at it. A position that is no record's
   * (e.g. a checkpoint from an older store) is refused by the server or lands on another event:
   * either way there is no event at it. Only an unreachable server is an error.
   */
  async eventAt(position: bigint): Promise<RecordedEvent | undefined> {
    this.assertOpen();
    if (position < 0n || position >= MAX_PACKED_POSITION) return undefined;
    try {
      const [resolved] = await collect(
        this.client.readAll({ fromPosition: unpackPosition(position), direction: FORWARDS, maxCount: 1 }),
      );
      if (!resolved?.event?.position || packPosition(resolved.event.position) !== position) return undefined;
      if (!matchesFilter(resolved, undefined)) return undefined;
      return decodeEvent(resolved);
    } catch (error) {
      if (error instanceof UnavailableError) throw error;
      return undefined;
    }
  }

  /** EventStoreDB sends every event whole, so the feed is `readAll`'s events. */
  readFeed(options: ReadAllOptions = {}): Promise<FeedEvent[]> {
    return this.readAll(options);
  }

  subscribeToAll(
    options: SubscribeOptions,
    handler: EventHandler,
    onError?: (error: unknown) => void,
  ): Subscription {
    this.assertOpen();
    const subscription = new EsdbSubscription(
      this.client,
      options,
      handler,
      onError,
      (ended) => this.subscriptions.delete(ended),
      this.options.resubscribe,
      this.options.warn,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }

  /**
   * The global position of the event at this revision, read back rather than taken from the append
   * response: the response carries the write's position as the server defines it, which is not
   * documented to equal the last event's own position in `$all`, and writers wait for the read
   * models to reach exactly that event.
   */
  private async positionOf(streamName: string, revision: bigint): Promise<bigint> {
    const [last] = await this.readStream(streamName, {
      fromRevision: revision,
      direction: 'backwards',
      maxCount: 1,
    });
    if (last?.revision !== revision)
      throw new Error(`Event ${streamName}@${revision} was not found after appending it`);
    return last.position;
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError(`Event store ${this.endpoint} is closed`);
  }
}

/** A retried write: the events are already the stream's latest, in order. */
function retriedAppend(tailNewestFirst: RecordedEvent[], events: readonly NewEvent[]): AppendResult | null {
  if (events.length === 0 || tailNewestFirst.length < events.length) return null;
  const latest = tailNewestFirst.slice(0, events.length).reverse();
  if (!latest.every((recorded, i) => recorded.eventId === events[i].eventId)) return null;
  const last = tailNewestFirst[0];
  return { nextExpectedRevision: last.revision, position: last.position };
}

/** Writes nothing, so checking the expectation against the revision just read is enough. */
function emptyAppend(
  streamName: string,
  expected: ExpectedRevision,
  head: RecordedEvent | undefined,
): AppendResult {
  checkExpectedRevision(streamName, expected, head?.revision);
  return { nextExpectedRevision: head?.revision ?? -1n, position: head?.position ?? -1n };
}

function wireRevision(
  streamName: string,
  expected: ExpectedRevision,
  head: RecordedEvent | undefined,
): AppendExpectedRevision {
  if (typeof expected === 'bigint' || expected === 'no_stream') return expected;
  if (head) return head.revision;
  if (expected === 'stream_exists') throw new ConcurrencyError(streamName, 'stream_exists', 'no_stream');
  return 'no_stream';
}

async function collect(stream: AsyncIterable<ResolvedEvent>): Promise<ResolvedEvent[]> {
  const events: ResolvedEvent[] = [];
  for await (const resolved of stream) events.push(resolved);
  return events;
}
