import { CalendarDate } from '@tracker/domain';
import { DigestTimeline } from './digest-timeline';
import { DocumentCodec } from './document-table';

/** How a history table reads what the read-model store holds of it (set by the store when it opens the table). */
export interface HistoryReader {
  /** The stored body (JSON) of the last row of `key` on or before `day`. */
  latest(key: string, day: CalendarDate): string | undefined;
  /** Every key with the first and last day it has a row for. */
  spans(): Iterable<{ key: string; first: CalendarDate; last: CalendarDate }>;
  /** Every row, in key and day order (specs and dumps). */
  rows(): Iterable<{ key: string; day: CalendarDate; body: string }>;
  /** The rows of the first `keys` keys after `after` (in key order), in key and day order. */
  rowsOfKeys(after: string, keys: number): { key: string; day: CalendarDate; body: string }[];
  /** True when it holds no row. */
  empty(): boolean;
}

/** Where a history table writes a row it will not change again (set by the store with its reader). */
export type HistoryWriter = (key: string, day: CalendarDate, body: string) => void;

interface Row<T> {
  day: CalendarDate;
  doc: T;
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
 * which it changed. Unlike a `DocumentTable` it is not held in memory: only each key's last row
 * (its open row, whose day may still see changes) is, and its document is the projection's current
 * one, so it costs no copy. A row is written to the read-model store as soon as the key changes on
 * a later day (its day is then closed), and the open rows with the projection's other documents
 * and checkpoint. The store writes closed rows into the transaction that the next save commits with
 * the checkpoint, so a crash loses them with the events they came from, which are applied again.
 * Rows are read back by an indexed query, one key and day at a time; each key's first and last day
 * are kept in memory (read from the store on first use), so a reader can tell without a query that a key did not exist yet on a day,
 * or has not changed since.
 *
 * Rows are appended in the order the projection folds events; a day earlier than the key's last
 * row (a clock set back) is filed under that last day, so a key's rows never go back in time.
 */
export class HistoryTable<T, F extends keyof T = never> {
  /** Each key's last row, not saved since it last changed (a later change on the same day replaces it). */
  private open = new Map<string, Row<T>>();
  /** Closed rows not written yet: only while no store is attached. */
  private closed: (Row<T> & { key: string })[] = [];
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
    const open = this.open.get(key);
    if (open === undefined) {
      this.open.set(key, { day, doc });
      return;
    }
    if (open.day !== day) this.close(key, open);
    open.day = day;
    open.doc = doc;
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
    const open = this.open.get(key);
    if (open !== undefined && open.day <= day) return open.doc;
    for (let i = this.closed.length - 1; i >= 0; i -= 1) {
      const row = this.closed[i];
      if (row.key === key && row.day <= day) return row.doc;
    }
    const body = this.reader?.latest(key, day);
    return body === undefined ? undefined : this.codec.decode(JSON.parse(body));
  }

  /** True once every row's digest is in memory (`digestAt` can be asked). */
  get hasAllDigests(): boolean {
    return this.timeline !== null && this.digestsComplete;
  }

  /** The digest fields of the key's document at the end of `day`; undefined before its first row. */
  digestAt(key: string, day: CalendarDate): Pick<T, F> | undefined {
    if (!this.hasAllDigests)
      throw new Error(`History ${this.name}: digests not read yet (see hasAllDigests)`);
    return (this.timeline as DigestTimeline<T, F>).at(key, day);
  }

  /**
   * Reads the stored rows' digests of the next `keys` keys; true once all are read. Rows recorded
   * since the start are held already: a stored row is only an older day of its key.
   */
  readSome(keys: number): boolean {
    if (this.digestsComplete || !this.reader || !this.timeline) return true;
    const rows = this.reader.rowsOfKeys(this.digestedTo, keys);
    let read = 0;
    for (let i = 0; i < rows.length;) {
      const key = rows[i].key;
      const older: { day: CalendarDate; doc: T }[] = [];
      for (; i < rows.length && rows[i].key === key; i += 1)
        older.push({ day: rows[i].day, doc: this.codec.decode(JSON.parse(rows[i].body)) });
      this.timeline.recordOlder(key, older);
      this.digestedTo = key;
      read += 1;
    }
    if (read < keys) this.digestsComplete = true;
    return this.digestsComplete;
  }

  /** Every row, saved or not, in key and day order: for specs and comparisons, never for serving. */
  rows(): { key: string; day: CalendarDate; doc: unknown }[] {
    const rows = new Map<string, { key: string; day: CalendarDate; doc: unknown }>();
    for (const r of this.reader?.rows() ?? [])
      rows.set(`${r.key}\u0000${r.day}`, { key: r.key, day: r.day, doc: JSON.parse(r.body) });
    for (const { key, day, doc } of [
      ...this.closed,
      ...[...this.open].map(([key, row]) => ({ key, ...row })),
    ])
      rows.set(`${key}\u0000${day}`, { key, day, doc: this.codec.encode(doc) });
    return [...rows.values()].sort((a, b) =>
      a.key < b.key ? -1 : a.key > b.key ? 1 : a.day < b.day ? -1 : a.day > b.day ? 1 : 0,
    );
  }

  /** @internal For the read-model store: the rows recorded since the last call and not written yet, encoded. */
  takeChanged(): { key: string; day: CalendarDate; body: string }[] {
    const changed: { key: string; day: CalendarDate; body: string }[] = [];
    for (const { key, day, doc } of this.closed) changed.push({ key, day, body: this.encode(doc) });
    for (const [key, { day, doc }] of this.open) changed.push({ key, day, body: this.encode(doc) });
    this.closed = [];
    // The open rows are saved; the next change starts a new one (a same-day change overwrites the saved row).
    this.open = new Map();
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
    this.open = new Map();
    this.closed = [];
    this.spanOf.clear();
    this.spansRead = true;
    this.reader = null;
    this.writer = null;
    this.timeline?.clear();
    this.digestsComplete = true;
    this.digestedTo = '';
  }

  /** The key changes on a later day than its open row's: that row is final. */
  private close(key: string, row: Row<T>): void {
    if (this.writer) this.writer(key, row.day, this.encode(row.doc));
    else this.closed.push({ key, day: row.day, doc: row.doc });
  }

  private encode(doc: T): string {
    return JSON.stringify(this.codec.encode(doc));
  }
}
