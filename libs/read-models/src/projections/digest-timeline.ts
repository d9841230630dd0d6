import { CalendarDate } from '@tracker/domain';

const INITIAL_ROWS = 1_024;

/**
 * A few fields of a dated history's documents, for every key and every day it changed on, held in
 * memory, a row a day: a court-wide `asOf` board reads the light and totals of 100,000 measures on a
 * past day, and reading each measure's full line back from disk cost about 4.5 µs a query plus its
 * decoding (300–600 ms a board). Each row is one index per field into a table of the distinct values
 * seen (dates, ids, statuses, milestone lists repeat across rows), with its day as a number and its
 * key's previous row, so a province's 850,000 rows take about 60 MB and reading one key on a day
 * walks back from its last row. A row's cells lie side by side (one key read touches one or two
 * cache lines, not one a field: column by column, the reads were half of a court-wide asOf board).
 *
 * Rows are recorded in the order their history records them: a key's days never go back, and a
 * change on a key's last day replaces that day's row.
 */
export class DigestTimeline<T, F extends keyof T> {
  /** Each field's value index, in field order, of the row `at` read; reused. */
  private readonly read: unknown[];
  /** Cells a row: its day number, its key's previous row (-1 for none), then each field's value index. */
  private readonly width: number;

  private rows = 0;
  private capacity = INITIAL_ROWS;
  private cells: Int32Array;
  /** Each key's slot, and each slot's last row: `eachAt` resolves a list's slots once, not a key a time. */
  private readonly slotOf = new Map<string, number>();
  private lastRow = new Int32Array(INITIAL_ROWS);
  /**
   * A list's slots, kept while the list is the same object of the same length and no key was
   * added since (a key asked for before its first row then has one): a court-wide board looked
   * up 100,000 keys in a map on every request, the most of its time.
   */
  private slotsOfList = new WeakMap<readonly string[], { length: number; keys: number; slots: Int32Array }>();
  /** The distinct values: primitives by themselves, objects (lists) by their JSON. */
  private values: unknown[] = [];
  private primitiveIndex = new Map<unknown, number>();
  private objectIndex = new Map<string, number>();
  /** The day last asked for, and its number: a board asks 100,000 keys of one day. */
  private askedDay: CalendarDate = '';
  private askedDayNumber = 0;

  /**
   * `assemble` builds a digest from its fields' values in `fields` order, as one object literal:
   * built key by key, 100,000 digests a board cost twice the time.
   */
  constructor(
    private readonly fields: readonly F[],
    private readonly assemble: (values: readonly unknown[]) => Pick<T, F>,
  ) {
    this.width = 2 + fields.length;
    this.cells = new Int32Array(INITIAL_ROWS * this.width);
    this.read = new Array<unknown>(fields.length);
  }

  /** Rows held, over every key. */
  get size(): number {
    return this.rows;
  }

  /** The key's fields at the end of `day` (so far); a day before its last row's is filed under that last day. */
  record(key: string, day: CalendarDate, doc: T): void {
    const slot = this.slotOf.get(key);
    const last = slot === undefined ? -1 : this.lastRow[slot];
    if (last >= 0 && this.dayOf(last) >= dayNumber(day)) {
      this.write(last, doc, last);
      return;
    }
    this.setLastRow(key, slot, this.append(day, doc, last));
  }

  /** A new row on `day` after `previous` (-1: the key's first), its values like `previous`'s where unchanged. */
  private append(day: CalendarDate, doc: T, previous: number): number {
    if (this.rows === this.capacity) this.grow();
    const row = this.rows;
    this.rows += 1;
    const at = row * this.width;
    this.cells[at] = dayNumber(day);
    this.cells[at + 1] = previous;
    this.write(row, doc, previous);
    return row;
  }

  /**
   * Each field's value index; `like` is a row of the same key (-1: none) whose value is taken as
   * it is when the field still holds the same value (or list): most changes change one or two fields.
   */
  private write(row: number, doc: T, like: number): void {
    const cells = this.cells;
    const at = row * this.width + 2;
    const likeAt = like * this.width + 2;
    for (let f = 0; f < this.fields.length; f += 1) {
      const value = doc[this.fields[f]];
      cells[at + f] =
        like >= 0 && this.values[cells[likeAt + f]] === value ? cells[likeAt + f] : this.intern(value);
    }
  }

  /**
   * Rows of the key older than any it holds (the stored rows a process reads back after a start,
   * while it already records new ones), in day order: those on or after its oldest row's day are
   * older states of days it holds already, and are dropped.
   */
  recordOlder(key: string, rows: readonly { day: CalendarDate; doc: T }[]): void {
    const slot = this.slotOf.get(key);
    let oldest = slot === undefined ? -1 : this.lastRow[slot];
    while (oldest >= 0 && this.previousOf(oldest) >= 0) oldest = this.previousOf(oldest);
    const before = oldest < 0 ? undefined : this.dayOf(oldest);
    let previous = -1;
    for (const { day, doc } of rows) {
      const number = dayNumber(day);
      if (before !== undefined && number >= before) break;
      if (previous >= 0 && this.dayOf(previous) >= number) {
        this.write(previous, doc, previous);
        continue;
      }
      previous = this.append(day, doc, previous);
    }
    if (previous < 0) return;
    if (oldest >= 0) this.cells[oldest * this.width + 1] = previous;
    else this.setLastRow(key, slot, previous);
  }

  /** The key's fields at the end of `day`: its last row on or before it; undefined before its first. */
  at(key: string, day: CalendarDate): Pick<T, F> | undefined {
    const slot = this.slotOf.get(key);
    return slot === undefined ? undefined : this.atSlot(slot, this.dayNumberOf(day));
  }

  /** `at` of each key of the list in turn, visiting those that had a row by the end of `day`. */
  eachAt(keys: readonly string[], day: CalendarDate, visit: (digest: Pick<T, F>) => void): void {
    const until = this.dayNumberOf(day);
    const slots = this.slotsOf(keys);
    for (let i = 0; i < slots.length; i += 1) {
      const digest = slots[i] < 0 ? undefined : this.atSlot(slots[i], until);
      if (digest !== undefined) visit(digest);
    }
  }

  private atSlot(slot: number, until: number): Pick<T, F> | undefined {
    const { cells, width } = this;
    let row = this.lastRow[slot];
    while (row >= 0 && cells[row * width] > until) row = cells[row * width + 1];
    if (row < 0) return undefined;
    const at = row * width + 2;
    for (let f = 0; f < this.fields.length; f += 1) this.read[f] = this.values[cells[at + f]];
    return this.assemble(this.read);
  }

  private slotsOf(keys: readonly string[]): Int32Array {
    const kept = this.slotsOfList.get(keys);
    if (kept !== undefined && kept.length === keys.length && kept.keys === this.slotOf.size)
      return kept.slots;
    const slots = Int32Array.from(keys, (key) => this.slotOf.get(key) ?? -1);
    this.slotsOfList.set(keys, { length: keys.length, keys: this.slotOf.size, slots });
    return slots;
  }

  private dayNumberOf(day: CalendarDate): number {
    if (day !== this.askedDay) {
      this.askedDay = day;
      this.askedDayNumber = dayNumber(day);
    }
    return this.askedDayNumber;
  }

  private setLastRow(key: string, slot: number | undefined, row: number): void {
    if (slot !== undefined) {
      this.lastRow[slot] = row;
      return;
    }
    const added = this.slotOf.size;
    if (added === this.lastRow.length) {
      const wider = new Int32Array(added * 2);
      wider.set(this.lastRow);
      this.lastRow = wider;
    }
    this.lastRow[added] = row;
    this.slotOf.set(key, added);
  }

  clear(): void {
    this.rows = 0;
    this.capacity = INITIAL_ROWS;
    this.cells = new Int32Array(INITIAL_ROWS * this.width);
    this.slotOf.clear();
    this.lastRow = new Int32Array(INITIAL_ROWS);
    this.slotsOfList = new WeakMap();
    this.values = [];
    this.primitiveIndex = new Map();
    this.objectIndex = new Map();
  }

  private dayOf(row: number): number {
    return this.cells[row * this.width];
  }

  private previousOf(row: number): number {
    return this.cells[row * this.width + 1];
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
    const wider = new Int32Array(this.capacity * this.width);
    wider.set(this.cells);
    this.cells = wider;
  }
}

/** `YYYY-MM-DD` as the number YYYYMMDD: ordered as the dates are, and compared without a string. */
function dayNumber(day: CalendarDate): number {
  return (
    (day.charCodeAt(0) - 48) * 10_000_000 +
    (day.charCodeAt(1) - 48) * 1_000_000 +
    (day.charCodeAt(2) - 48) * 100_000 +
    (day.charCodeAt(3) - 48) * 10_000 +
    (day.charCodeAt(5) - 48) * 1_000 +
    (day.charCodeAt(6) - 48) * 100 +
    (day.charCodeAt(8) - 48) * 10 +
    (day.charCodeAt(9) - 48)
  );
}
