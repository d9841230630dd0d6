import { CalendarDate } from '@tracker/domain';
import { DigestTimeline } from './digest-timeline';
import { DocumentCodec } from './document-table';

/** How a history table reads what the read-model store holds of it (set by the store when it opens the table). */
export interface HistoryReader {
  /**
   * The stored rows of `key` from its last whole row on or before `day` up to its last row on or
   * before it, latest first: what it takes to resolve that last row (see `StoredRow`).
   */
  latest(key: string, day: CalendarDate): Iterable<StoredRow>;
  /** Every key with the first and last day it has a row for. */
  spans(): Iterable<{ key: string; first: CalendarDate; last: CalendarDate }>;
  /** Every row, in key and day order (specs and dumps). */
  rows(): Iterable<StoredRow & { key: string; day: CalendarDate }>;
  /** The rows of the first `keys` keys after `after` (in key order), in key and day order. */
  rowsOfKeys(after: string, keys: number): (StoredRow & { key: string; day: CalendarDate })[];
  /** True when it holds no row. */
  empty(): boolean;
}

/**
 * A stored row: its encoded document as JSON, whole, or (`delta`) only the places of the encoded
 * array that differ from the key's previous row, as `{ "place": value }`. A measure's line changes
 * a field or two a day, and its whole line was about 300 bytes a row: most of a rebuild's writing.
 */
export interface StoredRow {
  body: string;
  delta: boolean;
}

/** Where a history table writes a row it will not change again (set by the store with its reader). */
export type HistoryWriter = (key: string, day: CalendarDate, row: StoredRow) => void;

/** A key's last row, and the row before it when known (what a delta is taken against). */
interface Tail<T> {
  day: CalendarDate;
  doc: T;
  /** The document of the key's row before this one; null when it has none, undefined when not known (after a start). */
  before: T | null | undefined;
}

/** Resolves a key's stored rows in day order (the first whole) into each row's encoded document. */
export function resolveRows(rows: Iterable<StoredRow>): unknown[] {
  const resolved: unknown[] = [];
  let current: unknown;
  for (const { body, delta } of rows) {
    const parsed = JSON.parse(body);
    if (!delta) current = parsed;
    else {
      if (!Array.isArray(current)) throw new Error('History: a delta row without a whole row before it');
      current = [...current];
      for (const place of Object.keys(parsed)) (current as unknown[])[Number(place)] = parsed[place];
    }
    resolved.push(current);
  }
  return resolved;
}

const IDENTITY: DocumentCodec<unknown> = { encode: (doc) => doc, decode: (stored) => stored };

/** What the read-model store and the runner see of a history, whatever its documents and digest. */
export type StoredHistory = Pick<
  HistoryTable<unknown>,
  'name' | 'attach' | 'takeChanged' | 'firstDay' | 'lastDay' | 'clear' | 'readSome' | 'rows'
>;

export interface HistoryTableOptions<T, F extends keyof T> {
  /**
   * Fields of every row also held in memory (see `DigestTimeline`), for a query that reads them for
   * every key on a past day. After a start they are read back from the stored rows a slice at a
   * time (`readSome`), while new rows are recorded as they come.
   */
  digest?: { fields: readonly F[]; assemble: (values: readonly unknown[]) => Pick<T, F> };
}

/**
 * A projection's dated history: per key, the document as it stood at the end of each court day on
 * which it changed. Unlike a `DocumentTable` it is not held in memory: only the last row of each
 * key recorded since the start is (its tail, whose day may still see changes), with the document of
 * the row before it (what the next stored row is a delta against, see `StoredRow`); the last row's
 * document is the projection's current one, so it costs no copy. A row is written to the
 * read-model store as soon as the key changes on a later day (its day is then closed), and the
 * open rows with the projection's other documents and checkpoint. The store writes closed rows into the transaction that the next save commits with
 * the checkpoint, so a crash loses them with the events they came from, which are applied again.
 * Rows are read back by an indexed query, one key and day at a time; each key's first and last day
 * are kept in memory (read from the store on first use), so a reader can tell without a query that a key did not exist yet on a day,
 * or has not changed since.
 *
 * Rows are appended in the order the projection folds events; a day earlier than the key's last
 * row (a clock set back) is filed under that last day, so a key's rows never go back in time.
 */
export class HistoryTable<T, F extends keyof T = never> {
  /** Each key's last row recorded since the start (a later change on the same day replaces it). */
  private readonly tails = new Map<string, Tail<T>>();
  /** The keys whose last row changed since it was last saved. */
  private open = new Set<string>();
  /** Closed rows not written yet: only while no store is attached. */
  private closed: (Tail<T> & { key: string })[] = [];
  private readonly spanOf = new Map<string, { first: CalendarDate; last: CalendarDate }>();
  /** The stored spans are read when first needed (an `asOf`, an event), not at a start. */
  private spansRead = true;
  private reader: HistoryReader | null = null;
  private writer: HistoryWriter | null = null;
  private readonly timeline: DigestTimeline<T, F> | null;
  /** False until the stored rows' digests are all read back (after a start); the last key read. */
  private digestsComplete = true;
  private digestedTo = '';

  constructor(
    readonly name: string,
    readonly codec: DocumentCodec<T> = IDENTITY as DocumentCodec<T>,
    options: HistoryTableOptions<T, F> = {},
  ) {
    this.timeline = options.digest
      ? new DigestTimeline(options.digest.fields, options.digest.assemble)
      : null;
  }

  /** Records `doc` as the key's document at the end of `day` (so far). */
  record(key: string, day: CalendarDate, doc: T): void {
    const span = this.spans().get(key);
    if (span === undefined) this.spanOf.set(key, { first: day, last: day });
    else if (day > span.last) span.last = day;
    else day = span.last;
    this.timeline?.record(key, day, doc);
    const tail = this.tails.get(key);
    const unsaved = this.open.has(key);
    this.open.add(key);
    if (tail === undefined) {
      // A key with stored rows and no tail was recorded before the start: its row before is not known.
      this.tails.set(key, { day, doc, before: span === undefined ? null : undefined });
      return;
    }
    if (tail.day === day) {
      tail.doc = doc;
      return;
    }
    // A later day: the last row is final; written now, unless the last save wrote it as it stands.
    if (unsaved) this.close(key, tail);
    tail.before = tail.doc;
    tail.day = day;
    tail.doc = doc;
  }

  /** The first and last day the key has a row for; undefined when it has none. */
  span(key: string): { readonly first: CalendarDate; readonly last: CalendarDate } | undefined {
    return this.spans().get(key);
  }

  /** The first day the key has a row for; undefined when it has none. */
  firstDay(key: string): CalendarDate | undefined {
    return this.spans().get(key)?.first;
  }

  /** The last day the key changed on; undefined when it has no row. */
  lastDay(key: string): CalendarDate | undefined {
    return this.spans().get(key)?.last;
  }

  /** The key's document at the end of `day`: its last row on or before that day; undefined before its first. */
  at(key: string, day: CalendarDate): T | undefined {
    const span = this.spans().get(key);
    if (span === undefined || span.first > day) return undefined;
    const tail = this.tails.get(key);
    if (tail !== undefined && tail.day <= day) return tail.doc;
    for (let i = this.closed.length - 1; i >= 0; i -= 1) {
      const row = this.closed[i];
      if (row.key === key && row.day <= day) return row.doc;
    }
    if (!this.reader) return undefined;
    const chain = [...this.reader.latest(key, day)].reverse();
    if (chain.length === 0) return undefined;
    return this.codec.decode(resolveRows(chain).pop());
  }

  /** True once every row's digest is in memory (`eachDigestAt` can be asked). */
  get hasAllDigests(): boolean {
    return this.timeline !== null && this.digestsComplete;
  }

  /** The digest fields of each key's document at the end of `day`, in list order, visiting those with a row by then. */
  eachDigestAt(keys: readonly string[], day: CalendarDate, visit: (digest: Pick<T, F>) => void): void {
    if (!this.hasAllDigests)
      throw new Error(`History ${this.name}: digests not read yet (see hasAllDigests)`);
    (this.timeline as DigestTimeline<T, F>).eachAt(keys, day, visit);
  }

  /**
   * Reads the stored rows' digests of the next `keys` keys; true once all are read. Rows recorded
   * since the start are held already: a stored row is only an older day of its key.
   */
  readSome(keys: number): boolean {
    if (this.digestsComplete || !this.reader || !this.timeline) return true;
    let read = 0;
    for (const { key, rows } of byKey(this.reader.rowsOfKeys(this.digestedTo, keys))) {
      const docs = resolveRows(rows);
      this.timeline.recordOlder(
        key,
        rows.map((row, i) => ({ day: row.day, doc: this.codec.decode(docs[i]) })),
      );
      this.digestedTo = key;
      read += 1;
    }
    if (read < keys) this.digestsComplete = true;
    return this.digestsComplete;
  }

  /** Every row, saved or not, in key and day order: for specs and comparisons, never for serving. */
  rows(): { key: string; day: CalendarDate; doc: unknown }[] {
    const rows = new Map<string, { key: string; day: CalendarDate; doc: unknown }>();
    for (const { key, rows: stored } of byKey(this.reader?.rows() ?? [])) {
      const docs = resolveRows(stored);
      stored.forEach(({ day }, i) => rows.set(`${key}\u0000${day}`, { key, day, doc: docs[i] }));
    }
    for (const { key, day, doc } of [
      ...this.closed,
      ...[...this.open].map((key) => ({ key, ...(this.tails.get(key) as Tail<T>) })),
    ])
      rows.set(`${key}\u0000${day}`, { key, day, doc: this.codec.encode(doc) });
    return [...rows.values()].sort((a, b) =>
      a.key < b.key ? -1 : a.key > b.key ? 1 : a.day < b.day ? -1 : a.day > b.day ? 1 : 0,
    );
  }

  /** @internal For the read-model store: the rows recorded since the last call and not written yet, encoded. */
  takeChanged(): (StoredRow & { key: string; day: CalendarDate })[] {
    const changed: (StoredRow & { key: string; day: CalendarDate })[] = [];
    for (const row of this.closed) changed.push({ key: row.key, day: row.day, ...this.stored(row) });
    for (const key of this.open) {
      const tail = this.tails.get(key) as Tail<T>;
      changed.push({ key, day: tail.day, ...this.stored(tail) });
    }
    this.closed = [];
    // The last rows are saved; a same-day change overwrites a saved row, a later one starts the next.
    this.open = new Set();
    return changed;
  }

  /**
   * @internal For the read-model store: reads what it holds, and learns each key's span from it;
   * `write` takes a closed row as soon as it is closed.
   */
  attach(reader: HistoryReader, write: HistoryWriter | null = null): void {
    this.clear();
    this.reader = reader;
    this.writer = write;
    this.spansRead = false;
    this.digestsComplete = this.timeline === null || reader.empty();
  }

  private spans(): Map<string, { first: CalendarDate; last: CalendarDate }> {
    if (!this.spansRead && this.reader) {
      this.spansRead = true;
      for (const { key, first, last } of this.reader.spans()) this.spanOf.set(key, { first, last });
    }
    return this.spanOf;
  }

  clear(): void {
    this.tails.clear();
    this.open = new Set();
    this.closed = [];
    this.spanOf.clear();
    this.spansRead = true;
    this.reader = null;
    this.writer = null;
    this.timeline?.clear();
    this.digestsComplete = true;
    this.digestedTo = '';
  }

  /** The key changes on a later day than its last row's: that row is final. */
  private close(key: string, tail: Tail<T>): void {
    if (this.writer) this.writer(key, tail.day, this.stored(tail));
    else this.closed.push({ key, day: tail.day, doc: tail.doc, before: tail.before });
  }

  /** A row as stored: the places that differ from the row before when that is known and both encode to arrays. */
  private stored({ doc, before }: Pick<Tail<T>, 'doc' | 'before'>): StoredRow {
    const encoded = this.codec.encode(doc);
    const base = before == null ? null : this.codec.encode(before);
    if (!Array.isArray(encoded) || !Array.isArray(base) || base.length !== encoded.length)
      return { body: JSON.stringify(encoded), delta: false };
    const changed: Record<number, unknown> = {};
    for (let i = 0; i < encoded.length; i += 1) if (encoded[i] !== base[i]) changed[i] = encoded[i] ?? null;
    return { body: JSON.stringify(changed), delta: true };
  }
}

/** Consecutive rows of one key grouped (the rows come in key and day order). */
export function* byKey<R extends { key: string }>(rows: Iterable<R>): Iterable<{ key: string; rows: R[] }> {
  let group: { key: string; rows: R[] } | null = null;
  for (const row of rows) {
    if (group !== null && group.key === row.key) group.rows.push(row);
    else {
      if (group !== null) yield group;
      group = { key: row.key, rows: [row] };
    }
  }
  if (group !== null) yield group;
}
