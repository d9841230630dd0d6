import { CalendarDate } from '@tracker/domain';

const INITIAL_ROWS = 1_024;

/**
 * A few fields of a dated history's documents, for every key and every day it changed on, held in
 * memory in columns: a court-wide `asOf` board reads the light and totals of 100,000 measures on a
 * past day, and reading each measure's full line back from disk cost about 4.5 µs a query plus its
 * decoding (300–600 ms a board). Each row is one index per field into a table of the distinct values
 * seen (dates, ids, statuses, milestone lists repeat across rows), and its key's previous row, so a
 * province's 850,000 rows take about 60 MB and reading one key on a day walks back from its last row.
 *
 * Rows are recorded in the order their history records them: a key's days never go back, and a
 * change on a key's last day replaces that day's row.
 */
export class DigestTimeline<T, F extends keyof T> {
  /** Each field's value index, in field order, of the row `at` read; reused. */
  private readonly read: unknown[];

  private rows = 0;
  private capacity = INITIAL_ROWS;
  /** Per row, its day's and each field's value index, then the key's previous row (-1 for none). */
  private days = new Int32Array(INITIAL_ROWS);
  private fieldValues: Int32Array[];
  private previous = new Int32Array(INITIAL_ROWS);
  private readonly lastRowOf = new Map<string, number>();
  /** The distinct values: primitives by themselves, objects (lists) by their JSON. */
  private values: unknown[] = [];
  private primitiveIndex = new Map<unknown, number>();
  private objectIndex = new Map<string, number>();

  /**
   * `assemble` builds a digest from its fields' values in `fields` order, as one object literal:
   * built key by key, 100,000 digests a board cost twice the time.
   */
  constructor(
    private readonly fields: readonly F[],
    private readonly assemble: (values: readonly unknown[]) => Pick<T, F>,
  ) {
    this.fieldValues = fields.map(() => new Int32Array(INITIAL_ROWS));
    this.read = new Array<unknown>(fields.length);
  }

  /** Rows held, over every key. */
  get size(): number {
    return this.rows;
  }

  /** The key's fields at the end of `day` (so far); a day before its last row's is filed under that last day. */
  record(key: string, day: CalendarDate, doc: T): void {
    const last = this.lastRowOf.get(key);
    if (last !== undefined && (this.values[this.days[last]] as CalendarDate) >= day) {
      this.write(last, doc, last);
      return;
    }
    const row = this.append(day, doc, last ?? -1);
    this.lastRowOf.set(key, row);
  }

  /** A new row on `day` after `previous` (-1: the key's first), its values like `previous`'s where unchanged. */
  private append(day: CalendarDate, doc: T, previous: number): number {
    if (this.rows === this.capacity) this.grow();
    const row = this.rows;
    this.rows += 1;
    this.days[row] = this.intern(day);
    this.previous[row] = previous;
    this.write(row, doc, previous);
    return row;
  }

  /**
   * Each field's value index; `like` is a row of the same key (-1: none) whose value is taken as
   * it is when the field still holds the same value (or list): most changes change one or two fields.
   */
  private write(row: number, doc: T, like: number): void {
    for (let f = 0; f < this.fields.length; f += 1) {
      const value = doc[this.fields[f]];
      const column = this.fieldValues[f];
      column[row] = like >= 0 && this.values[column[like]] === value ? column[like] : this.intern(value);
    }
  }

  /**
   * Rows of the key older than any it holds (the stored rows a process reads back after a start,
   * while it already records new ones), in day order: those on or after its oldest row's day are
   * older states of days it holds already, and are dropped.
   */
  recordOlder(key: string, rows: readonly { day: CalendarDate; doc: T }[]): void {
    let oldest = this.lastRowOf.get(key) ?? -1;
    while (oldest >= 0 && this.previous[oldest] >= 0) oldest = this.previous[oldest];
    const before = oldest < 0 ? undefined : (this.values[this.days[oldest]] as CalendarDate);
    let previous = -1;
    for (const { day, doc } of rows) {
      if (before !== undefined && day >= before) break;
      if (previous >= 0 && (this.values[this.days[previous]] as CalendarDate) >= day) {
        this.write(previous, doc, previous);
        continue;
      }
      previous = this.append(day, doc, previous);
    }
    if (previous < 0) return;
    if (oldest >= 0) this.previous[oldest] = previous;
    else this.lastRowOf.set(key, previous);
  }

  /** The key's fields at the end of `day`: its last row on or before it; undefined before its first. */
  at(key: string, day: CalendarDate): Pick<T, F> | undefined {
    let row = this.lastRowOf.get(key) ?? -1;
    while (row >= 0 && (this.values[this.days[row]] as CalendarDate) > day) row = this.previous[row];
    if (row < 0) return undefined;
    for (let f = 0; f < this.fields.length; f += 1) this.read[f] = this.values[this.fieldValues[f][row]];
    return this.assemble(this.read);
  }

  clear(): void {
    this.rows = 0;
    this.capacity = INITIAL_ROWS;
    this.days = new Int32Array(INITIAL_ROWS);
    this.fieldValues = this.fields.map(() => new Int32Array(INITIAL_ROWS));
    this.previous = new Int32Array(INITIAL_ROWS);
    this.lastRowOf.clear();
    this.values = [];
    this.primitiveIndex = new Map();
    this.objectIndex = new Map();
  }

  private intern(value: unknown): number {
    const isObject = typeof value === 'object' && value !== null;
    const key = isObject ? JSON.stringify(value) : value;
    const index = isObject ? this.objectIndex : this.primitiveIndex;
    let i = (index as Map<unknown, number>).get(key);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      (index as Map<unknown, number>).set(key, i);
    }
    return i;
  }

  private grow(): void {
    this.capacity *= 2;
    const widened = (column: Int32Array) => {
      const wider = new Int32Array(this.capacity);
      wider.set(column);
      return wider;
    };
    this.days = widened(this.days);
    this.previous = widened(this.previous);
    this.fieldValues = this.fieldValues.map(widened);
  }
}
