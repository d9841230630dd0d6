import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { closeSync, fdatasync, fstatSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { assertDistinctIds, checkExpectedRevision, checkMaxCount, messageOf } from '../adapter-rules';
import { EventStoreUnavailableError } from '../errors';
import { AppendResult, EventMetadata, ExpectedRevision, FeedEvent, NewEvent, RecordedEvent } from '../event';
import {
  AllFilter,
  EventHandler,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { computeEventHash } from '../integrity';
import { migrate } from './sqlite-schema';
import { FeedSource, SqliteSubscription } from './sqlite-subscription';

export interface SqliteEventStoreOptions {
  /**
   * How often an idle subscription looks for events appended by another process sharing the
   * file (appends through this store wake it at once). Default 250.
   */
  pollIntervalMs?: number;
}

interface EventRow {
  position: bigint;
  stream_name: string;
  revision: bigint;
  event_id: string;
  type: string;
  schema_version: bigint;
  data: string;
  metadata: string;
  hash: string;
  previous_hash: string | null;
}

/** The columns `readFeed` selects, in this order (the statement returns raw arrays). */
type FeedRow = [
  position: bigint,
  streamName: string,
  eventId: string,
  type: string,
  revision: bigint,
  schemaVersion: bigint,
  data: string,
  metadata: string,
];
const FEED_COLUMNS = 'position, stream_name, event_id, type, revision, schema_version, data, metadata';

type StreamHead = Pick<EventRow, 'revision' | 'hash' | 'position'>;
type Statement<Row> = Database.Statement<unknown[], Row>;

const MAX_INT64 = 9223372036854775807n;
const APPENDED = 'appended';

interface PendingAppend {
  streamName: string;
  events: readonly NewEvent[];
  expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
  outcome?: AppendOutcome;
  error?: unknown;
}

/**
 * The embedded event store: one SQLite file (WAL), written by this process and readable by others
 * sharing the file. An append is acknowledged once its commit is flushed to disk (see `flush`).
 * Revisions and positions are read as bigint (safeIntegers) so they are never rounded.
 */
export class SqliteEventStore implements EventStore, FeedSource {
  private readonly appended = new EventEmitter();
  private readonly subscriptions = new Set<SqliteSubscription>();
  private readonly readAllStatements = new Map<string, Statement<EventRow>>();
  private readonly readFeedStatements = new Map<string, Statement<FeedRow>>();
  private closing: Promise<void> | null = null;

  private readonly streamHead: Statement<StreamHead>;
  private readonly eventById: Statement<Pick<EventRow, 'stream_name' | 'revision' | 'position'>>;
  private readonly eventAtRevision: Statement<Pick<EventRow, 'event_id' | 'position'>>;
  private readonly insert: Statement<Pick<EventRow, 'position'>>;
  private readonly readForwards: Statement<EventRow>;
  private readonly readBackwards: Statement<EventRow>;
  private readonly lastPosition: Statement<{ position: bigint | null }>;
  private readonly appendTransaction: Database.Transaction<
    (streamName: string, events: readonly NewEvent[], expected: ExpectedRevision) => AppendOutcome
  >;
  private readonly readBatchTransaction: Database.Transaction<FeedSource['readBatch']>;
  private readonly groupTransaction: Database.Transaction<(group: PendingAppend[]) => void>;
  /** Appends waiting for the next group commit (see appendToStream). */
  private pending: PendingAppend[] = [];
  /** Appends committed and not yet flushed to disk, nor answered. */
  private unflushed: PendingAppend[] = [];
  /** The flush under way, if any; a close waits for it. */
  private flushing: Promise<void> | null = null;
  /** The write-ahead log's descriptor, opened at the first flush. */
  private log: number | null = null;
  /** The write-ahead log a commit is flushed from; null in memory. */
  private readonly walPath: string | null;

  private constructor(
    private readonly db: Database.Database,
    readonly filePath: string,
    readonly pollIntervalMs: number,
  ) {
    this.walPath = filePath === ':memory:' ? null : `${filePath}-wal`;
    // Any number of subscriptions may listen; the default limit of 10 would only print warnings.
    this.appended.setMaxListeners(0);
    this.streamHead = db.prepare(
      'SELECT revision, hash, position FROM events WHERE stream_name = ? ORDER BY revision DESC LIMIT 1',
    );
    this.eventById = db.prepare('SELECT stream_name, revision, position FROM events WHERE event_id = ?');
    this.eventAtRevision = db.prepare(
      'SELECT event_id, position FROM events WHERE stream_name = ? AND revision = ?',
    );
    this.insert = db.prepare(
      `INSERT INTO events (stream_name, revision, event_id, type, schema_version, data, metadata, hash, previous_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING position`,
    );
    this.readForwards = db.prepare(
      'SELECT * FROM events WHERE stream_name = ? AND revision >= ? ORDER BY revision ASC LIMIT ?',
    );
    this.readBackwards = db.prepare(
      'SELECT * FROM events WHERE stream_name = ? AND revision <= ? ORDER BY revision DESC LIMIT ?',
    );
    this.lastPosition = db.prepare('SELECT max(position) AS position FROM events');
    this.appendTransaction = db.transaction((streamName, events, expected) =>
      this.appendInTransaction(streamName, events, expected),
    );
    // Each append inside runs in its own savepoint (a nested better-sqlite3 transaction): one that
    // is refused rolls back alone, and the rest commit together.
    this.groupTransaction = db.transaction((group: PendingAppend[]) => {
      for (const append of group) {
        try {
          append.outcome = this.appendTransaction(append.streamName, append.events, append.expected);
        } catch (error) {
          append.error = error;
        }
      }
    });
    // One read transaction, so the end of the feed is measured on the same snapshot as the batch.
    this.readBatchTransaction = db.transaction((after, filter, limit) => {
      const rows = this.selectAll(after, filter, limit);
      const scannedTo =
        rows.length === limit ? rows[rows.length - 1].position : (this.lastPosition.get()?.position ?? after);
      return { events: rows.map(toRecordedEvent), scannedTo };
    });
  }

  /** Opens (creating if needed, with its directory) and migrates the store at `filePath`; `':memory:'` for tests. */
  static open(filePath: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    const pollIntervalMs = options.pollIntervalMs ?? 250;
    if (!Number.isFinite(pollIntervalMs) || pollIntervalMs <= 0) {
      throw new RangeError(`pollIntervalMs must be a positive number, got ${pollIntervalMs}`);
    }
    let db: Database.Database | undefined;
    try {
      if (filePath !== ':memory:') mkdirSync(dirname(resolve(filePath)), { recursive: true });
      db = new Database(filePath);
      // Set first: switching to WAL needs a lock another process may briefly hold.
      db.pragma('busy_timeout = 5000');
      db.pragma('journal_mode = WAL');
      // A commit writes the log without waiting for the disk; the store flushes it off the event
      // loop before it acknowledges the append (see `flush`), so an acknowledged append survives
      // a power cut, as with synchronous=FULL, while the process goes on serving.
      db.pragma('synchronous = NORMAL');
      db.defaultSafeIntegers(true);
      migrate(db, filePath);
      return new SqliteEventStore(db, filePath, pollIntervalMs);
    } catch (error) {
      db?.close();
      if (error instanceof EventStoreUnavailableError) throw error;
      throw new EventStoreUnavailableError(`Cannot open event store ${filePath}: ${messageOf(error)}`);
    }
  }

  /**
   * Appending no events checks the expectation and returns the stream's head; for a stream that
   * does not exist both numbers are -1n, as there is no last event to report.
   */
  /**
   * Appending no events checks the expectation and returns the stream's head; for a stream that
   * does not exist both numbers are -1n, as there is no last event to report.
   *
   * Group commit: appends made in the same turn of the event loop (concurrent commands) commit in
   * one transaction, so they share one fsync instead of taking one each; each is still checked
   * against its own expected revision and answered on its own, once the group is on disk.
   */
  appendToStream(
    streamName: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    this.assertOpen();
    return new Promise<AppendResult>((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => this.commitPending());
      this.pending.push({ streamName, events, expected, resolve, reject });
    });
  }

  private commitPending(): void {
    const group = this.pending;
    this.pending = [];
    if (group.length === 0) return;
    try {
      this.groupTransaction.immediate(group);
    } catch (error) {
      const failure = isBusy(error)
        ? new EventStoreUnavailableError(`Event store ${this.filePath} stayed locked by another writer`)
        : error;
      for (const append of group) append.reject(failure);
      return;
    }
    if (!group.some((append) => append.outcome?.written)) return this.answer(group);
    this.unflushed.push(...group);
    this.flushing ??= this.flushCommitted();
  }

  /**
   * Flushes what was committed and answers it; groups committed meanwhile wait for the next
   * flush, which covers them all. One flush at a time: the disk sets the pace, and the busier the
   * store, the more appends share an fsync.
   */
  private async flushCommitted(): Promise<void> {
    while (this.unflushed.length > 0) {
      const flushed = this.unflushed;
      this.unflushed = [];
      try {
        await this.flush();
      } catch (error) {
        // Committed but perhaps not on disk: its outcome is unknown to the caller, who must not retry blindly.
        const failure = new EventStoreUnavailableError(
          `Event store ${this.filePath}: the commit could not be flushed to disk: ${messageOf(error)}`,
        );
        for (const append of flushed) append.reject(failure);
        continue;
      }
      this.appended.emit(APPENDED);
      this.answer(flushed);
    }
    this.flushing = null;
  }

  private answer(group: readonly PendingAppend[]): void {
    for (const append of group) {
      if (append.outcome) append.resolve(append.outcome.result);
      else append.reject(append.error);
    }
  }

  /**
   * Flushes the write-ahead log to disk in the thread pool: what synchronous=FULL does at each
   * commit, but without holding the event loop (it was about 15 % of a busy API's time), so the
   * next commands are decided while it is written. The log stays open between flushes; one that
   * was removed meanwhile (its last link gone) is opened again by name, so a flush is always of
   * the log SQLite writes.
   */
  private async flush(): Promise<void> {
    if (this.walPath === null) return;
    if (this.log !== null && fstatSync(this.log).nlink === 0) this.closeLog();
    this.log ??= openSync(this.walPath, 'r');
    const fd = this.log;
    await new Promise<void>((resolve, reject) =>
      fdatasync(fd, (error) => (error ? reject(error) : resolve())),
    );
  }

  private closeLog(): void {
    if (this.log !== null) closeSync(this.log);
    this.log = null;
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const limit = limitOf(options.maxCount);
    const rows =
      options.direction === 'backwards'
        ? this.readBackwards.all(streamName, options.fromRevision ?? MAX_INT64, limit)
        : this.readForwards.all(streamName, options.fromRevision ?? 0n, limit);
    return rows.map(toRecordedEvent);
  }

  /** Positions here are consecutive integers, so the event at p is the first after p - 1. */
  async eventAt(position: bigint): Promise<RecordedEvent | undefined> {
    if (position < 1n) return undefined;
    const [event] = await this.readAll({ after: position - 1n, maxCount: 1 });
    return event?.position === position ? event : undefined;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.selectAll(options.after ?? -1n, options.filter, limitOf(options.maxCount)).map(
      toRecordedEvent,
    );
  }

  /** Reads only the columns a fold needs, and leaves metadata unparsed until it is read. */
  async readFeed(options: ReadAllOptions = {}): Promise<FeedEvent[]> {
    this.assertOpen();
    const rows = this.selectFeed(options.after ?? -1n, options.filter, limitOf(options.maxCount));
    const events = new Array<FeedEvent>(rows.length);
    for (let i = 0; i < rows.length; i += 1) {
      const [position, streamName, eventId, type, revision, schemaVersion, data, metadata] = rows[i];
      events[i] = new LazyFeedEvent(
        position,
        streamName,
        eventId,
        type,
        revision,
        Number(schemaVersion),
        JSON.parse(data),
        metadata,
      );
    }
    return events;
  }

  subscribeToAll(
    options: SubscribeOptions,
    handler: EventHandler,
    onError?: (error: unknown) => void,
  ): Subscription {
    this.assertOpen();
    const subscription = new SqliteSubscription(this, options, handler, onError, (ended) =>
      this.subscriptions.delete(ended),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  /** @internal FeedSource for subscriptions. */
  readBatch(
    after: bigint,
    filter: AllFilter | undefined,
    limit: number,
  ): { events: RecordedEvent[]; scannedTo: bigint } {
    return this.readBatchTransaction(after, filter, limit);
  }

  /** @internal FeedSource for subscriptions. */
  onAppend(listener: () => void): () => void {
    this.appended.on(APPENDED, listener);
    return () => this.appended.off(APPENDED, listener);
  }

  private async shutDown(): Promise<void> {
    // Appends already accepted are committed, and on disk, before the file closes.
    this.commitPending();
    await this.flushing;
    this.closeLog();
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closing) throw new EventStoreUnavailableError(`Event store ${this.filePath} is closed`);
  }

  private appendInTransaction(
    streamName: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): AppendOutcome {
    assertDistinctIds(streamName, events);
    if (events.length > 0) {
      const retried = this.findRetriedAppend(streamName, events);
      if (retried) return { result: retried, written: false };
    }
    const head = this.streamHead.get(streamName);
    checkExpectedRevision(streamName, expected, head?.revision);
    if (events.length === 0) {
      return {
        result: { nextExpectedRevision: head?.revision ?? -1n, position: head?.position ?? -1n },
        written: false,
      };
    }
    let revision = head ? head.revision + 1n : 0n;
    let previousHash = head?.hash ?? null;
    let position = -1n;
    for (const event of events) {
      const clash = this.eventById.get(event.eventId);
      if (clash) {
        throw new Error(
          `Event id ${event.eventId} is already recorded in stream ${clash.stream_name} at revision ${clash.revision}; ` +
            `it cannot be appended again to ${streamName}`,
        );
      }
      const data = toJson(event.data);
      const metadata = toJson(event.metadata);
      // Hash what will be read back, so a value JSON changes (undefined members, Dates) still verifies.
      const hash = computeEventHash(
        {
          streamName,
          revision,
          eventId: event.eventId,
          type: event.type,
          schemaVersion: event.schemaVersion,
          data: JSON.parse(data),
          metadata: JSON.parse(metadata),
        },
        previousHash,
      );
      const row = this.insert.get(
        streamName,
        revision,
        event.eventId,
        event.type,
        event.schemaVersion,
        data,
        metadata,
        hash,
        previousHash,
      );
      if (!row) throw new Error('INSERT ... RETURNING returned no row');
      position = row.position;
      previousHash = hash;
      revision += 1n;
    }
    return { result: { nextExpectedRevision: revision - 1n, position }, written: true };
  }

  /**
   * A retried write: the first event is already in this stream and the rest follow it. Anything
   * in between (the id in another stream, only some of the events recorded) is a caller bug,
   * not a retry, and must not be papered over.
   */
  private findRetriedAppend(streamName: string, events: readonly NewEvent[]): AppendResult | null {
    const first = this.eventById.get(events[0].eventId);
    if (!first) return null;
    if (first.stream_name !== streamName) {
      throw new Error(
        `Event id ${events[0].eventId} is already recorded in stream ${first.stream_name}; ` +
          `it cannot also be appended to ${streamName}`,
      );
    }
    let position = first.position;
    for (let i = 1; i < events.length; i += 1) {
      const revision = first.revision + BigInt(i);
      const stored = this.eventAtRevision.get(streamName, revision);
      if (stored?.event_id !== events[i].eventId) {
        throw new Error(
          `Retried append to ${streamName} does not match what was recorded: event ${events[0].eventId} is at ` +
            `revision ${first.revision} but event ${events[i].eventId} is not at revision ${revision}`,
        );
      }
      position = stored.position;
    }
    return { nextExpectedRevision: first.revision + BigInt(events.length - 1), position };
  }

  private selectAll(after: bigint, filter: AllFilter | undefined, limit: number): EventRow[] {
    return this.selectFrom(this.readAllStatements, '*', after, filter, limit);
  }

  private selectFeed(after: bigint, filter: AllFilter | undefined, limit: number): FeedRow[] {
    return this.selectFrom(this.readFeedStatements, FEED_COLUMNS, after, filter, limit);
  }

  /** One prepared statement per shape of filter and set of columns; `*` returns objects, anything else arrays. */
  private selectFrom<Row>(
    statements: Map<string, Statement<Row>>,
    columns: string,
    after: bigint,
    filter: AllFilter | undefined,
    limit: number,
  ): Row[] {
    const types = filter?.eventTypes;
    const prefixes = filter?.streamPrefixes;
    const key = `${types?.length ?? '-'}/${prefixes?.length ?? '-'}`;
    let statement = statements.get(key);
    if (!statement) {
      statement = this.db.prepare<unknown[], Row>(selectAllSql(columns, types?.length, prefixes?.length));
      if (columns !== '*') statement.raw(true);
      statements.set(key, statement);
    }
    const prefixParams = (prefixes ?? []).flatMap((prefix) => [prefix, prefix]);
    // Positions here fit in SQLite's 64-bit integers; a checkpoint beyond them (e.g. one taken
    // from an EventStoreDB position) has nothing after it, and SQLite could not bind it.
    const from = after > MAX_INT64 ? MAX_INT64 : after;
    return statement.all(from, ...(types ?? []), ...prefixParams, limit);
  }
}

interface AppendOutcome {
  result: AppendResult;
  written: boolean;
}

/**
 * An empty list of types or prefixes matches nothing ("only events of these types"). Prefixes
 * are compared with substr, not LIKE, which is case-insensitive and treats % and _ as wildcards.
 */
function selectAllSql(
  columns: string,
  typeCount: number | undefined,
  prefixCount: number | undefined,
): string {
  const conditions = ['position > ?'];
  if (typeCount !== undefined) {
    conditions.push(typeCount === 0 ? '0' : `type IN (${Array(typeCount).fill('?').join(', ')})`);
  }
  if (prefixCount !== undefined) {
    conditions.push(
      prefixCount === 0
        ? '0'
        : `(${Array(prefixCount).fill('substr(stream_name, 1, length(?)) = ?').join(' OR ')})`,
    );
  }
  return `SELECT ${columns} FROM events WHERE ${conditions.join(' AND ')} ORDER BY position ASC LIMIT ?`;
}

function toJson(value: unknown): string {
  // JSON.stringify(undefined) is undefined; store it as the null it reads back as.
  return JSON.stringify(value) ?? 'null';
}

/** SQLite's LIMIT -1 means no limit. */
function limitOf(maxCount: number | undefined): number {
  return checkMaxCount(maxCount) ?? -1;
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: Number(row.schema_version),
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata) as EventMetadata,
    streamName: row.stream_name,
    revision: row.revision,
    position: row.position,
    hash: row.hash,
    previousHash: row.previous_hash,
  };
}

/** A feed event whose metadata is parsed on first read: most folds never read it. */
class LazyFeedEvent implements FeedEvent {
  private parsedMetadata: EventMetadata | undefined;

  constructor(
    readonly position: bigint,
    readonly streamName: string,
    readonly eventId: string,
    readonly type: string,
    readonly revision: bigint,
    readonly schemaVersion: number,
    readonly data: unknown,
    private readonly metadataJson: string,
  ) {}

  get metadata(): EventMetadata {
    return (this.parsedMetadata ??= JSON.parse(this.metadataJson) as EventMetadata);
  }
}

function isBusy(error: unknown): boolean {
  return (
    error instanceof Database.SqliteError &&
    (error.code === 'SQLITE_BUSY' || error.code.startsWith('SQLITE_BUSY_'))
  );
}
