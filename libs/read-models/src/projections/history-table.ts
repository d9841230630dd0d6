import { CalendarDate } from '@tracker/domain';
import { DocumentCodec } from './document-table';

/** How a history table reads what the read-model store holds of it (set by the store when it opens the table). */
export interface HistoryReader {
  /** The stored body (JSON) of the last row of `key` on or before `day`. */
  latest(key: string, day: CalendarDate): string | undefined;
  /** Every key with the first and last day it has a row for. */
  spans(): Iterable<{ key: string; first: CalendarDate; last: CalendarDate }>;
  /** Every row, in key and day order (specs and dumps). */
  rows(): Iterable<{ key: string; day: CalendarDate; body: string }>;
}

interface Pending<T> {
  day: CalendarDate;
  doc: T;
}

const IDENTITY: DocumentCodec<unknown> = { encode: (doc) => doc, decode: (stored) => stored };

/**
 * A projection's dated history: per key, the document as it stood at the end of each court day on
 * which it changed. Unlike a `DocumentTable` it is not held in memory: rows are written to the
 * read-model store with the projection's other documents and checkpoint (same transaction), and
 * read back from it by an indexed query, one key and day at a time. Only the first and last day
 * of each key are kept in memory, so a reader can tell without a query that a key did not exist
 * yet on a day, or has not changed since.
 *
 * Rows are appended in the order the projection folds events; a day earlier than the key's last
 * row (a clock set back) is filed under that last day, so a key's rows never go back in time.
 */
export class HistoryTable<T> {
  /** Rows not yet saved, per key in day order (a later change on the same day replaces the row). */
  private pending = new Map<string, Pending<T>[]>();
  private readonly spanOf = new Map<string, { first: CalendarDate; last: CalendarDate }>();
  private reader: HistoryReader | null = null;

  constructor(
    readonly name: string,
    readonly codec: DocumentCodec<T> = IDENTITY as DocumentCodec<T>,
  ) {}

  /** Records `doc` as the key's document at the end of `day` (so far). */
  record(key: string, day: CalendarDate, doc: T): void {
    const span = this.spanOf.get(key);
    if (span === undefined) this.spanOf.set(key, { first: day, last: day });
    else if (day > span.last) span.last = day;
    else day = span.last;
    const rows = this.pending.get(key);
    if (rows === undefined) this.pending.set(key, [{ day, doc }]);
    else if (rows[rows.length - 1].day === day) rows[rows.length - 1].doc = doc;
    else rows.push({ day, doc });
  }

  /** The first day the key has a row for; undefined when it has none. */
  firstDay(key: string): CalendarDate | undefined {
    return this.spanOf.get(key)?.first;
  }

  /** The last day the key changed on; undefined when it has no row. */
  lastDay(key: string): CalendarDate | undefined {
    return this.spanOf.get(key)?.last;
  }

  /** The key's document at the end of `day`: its last row on or before that day; undefined before its first. */
  at(key: string, day: CalendarDate): T | undefined {
    const span = this.spanOf.get(key);
    if (span === undefined || span.first > day) return undefined;
    // Unsaved rows are later than every saved one of the key.
    const rows = this.pending.get(key);
    if (rows !== undefined) {
      for (let i = rows.length - 1; i >= 0; i -= 1) if (rows[i].day <= day) return rows[i].doc;
    }
    const body = this.reader?.latest(key, day);
    return body === undefined ? undefined : this.codec.decode(JSON.parse(body));
  }

  /** Every row, saved or not, in key and day order: for specs and comparisons, never for serving. */
  rows(): { key: string; day: CalendarDate; doc: unknown }[] {
    const rows = new Map<string, { key: string; day: CalendarDate; doc: unknown }>();
    for (const r of this.reader?.rows() ?? [])
      rows.set(`${r.key}\u0000${r.day}`, { key: r.key, day: r.day, doc: JSON.parse(r.body) });
    for (const [key, pending] of this.pending)
      for (const { day, doc } of pending)
        rows.set(`${key}\u0000${day}`, { key, day, doc: this.codec.encode(doc) });
    return [...rows.values()].sort((a, b) =>
      a.key < b.key ? -1 : a.key > b.key ? 1 : a.day < b.day ? -1 : a.day > b.day ? 1 : 0,
    );
  }

  /** @internal For the read-model store: the rows recorded since the last call, encoded. */
  takeChanged(): { key: string; day: CalendarDate; body: string }[] {
    const changed: { key: string; day: CalendarDate; body: string }[] = [];
    for (const [key, rows] of this.pending)
      for (const { day, doc } of rows)
        changed.push({ key, day, body: JSON.stringify(this.codec.encode(doc)) });
    this.pending = new Map();
    return changed;
  }

  /** @internal For the read-model store: reads what it holds, and learns each key's span from it. */
  attach(reader: HistoryReader): void {
    this.clear();
    this.reader = reader;
    for (const { key, first, last } of reader.spans()) this.spanOf.set(key, { first, last });
  }

  clear(): void {
    this.pending = new Map();
    this.spanOf.clear();
    this.reader = null;
  }
}
