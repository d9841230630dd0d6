export interface DocumentCodec<T> {
  encode(doc: T): unknown;
  decode(stored: unknown): T;
}

const IDENTITY: DocumentCodec<unknown> = { encode: (doc) => doc, decode: (stored) => stored };

/** What the read-model store holds of an on-demand table (set by the store when it loads it). */
export interface StoredDocuments {
  /** The stored body (JSON) of one key; undefined when it has none. */
  body(key: string): string | undefined;
  /** Up to `limit` stored documents after place `after` (0: from the first), in the order first written. */
  page(after: number, limit: number): { key: string; body: string; place: number }[];
}

/**
 * When a table's stored documents are read:
 * - `at start` (the default): all of them, when the process loads its read models;
 * - `on demand`: each when first asked for, for a large table a process mostly reads by key (the
 *   worker's measure states); after `ONE_BY_ONE` read one at a time, or at the first walk over
 *   them all, the rest in one pass;
 * - `after start`: on demand until the process serves, then the rest a slice at a time between
 *   requests (`readSome`, driven by `ReadModels`): the API answers before it has read them, and a
 *   route that walks them all soon finds them read.
 */
export type DocumentLoading = 'at start' | 'on demand' | 'after start';

export interface DocumentTableOptions {
  loading?: DocumentLoading;
}

/** Documents a walk reads in one page, when it must read all that are left. */
const WALK_PAGE = 10_000;

/** Recent changes a table remembers the keys of (see `changedSince`). */
const JOURNAL = 4_096;
/** Keys an on-demand table looks up one query at a time before it reads the rest in one pass. */
const ONE_BY_ONE = 1_024;

/**
 * A projection's state: documents by key, held in memory (queries read them there) and written
 * to the read-model store in batches. A projection changes a document either by `set` or by
 * mutating what `get` returned and calling `touch`, so only changed documents are written.
 */
export class DocumentTable<T> {
  private docs = new Map<string, T>();
  /** An on-demand table's stored documents not all read yet; null once all are in `docs`. */
  private stored: StoredDocuments | null = null;
  private lookedUp = 0;
  /** The keys read page by page so far, in stored order, and the place the last page reached. */
  private paged: string[] = [];
  private pagedTo = 0;
  private dirty = new Set<string>();
  private changes = 0;
  /** The keys of the latest changes, in order; the first is the change after `journalFrom`. */
  private journal: string[] = [];
  private journalFrom = 0;

  /** `codec` turns a document into what is stored (as JSON) and back; stored as is by default. */
  constructor(
    readonly name: string,
    readonly codec: DocumentCodec<T> = IDENTITY as DocumentCodec<T>,
    private readonly options: DocumentTableOptions = {},
  ) {}

  get loading(): DocumentLoading {
    return this.options.loading ?? 'at start';
  }

  get(key: string): T | undefined {
    const doc = this.docs.get(key);
    if (doc !== undefined || this.stored === null) return doc;
    return this.lookUp(key, this.stored);
  }

  private lookUp(key: string, stored: StoredDocuments): T | undefined {
    this.lookedUp += 1;
    if (this.lookedUp > ONE_BY_ONE) {
      this.readAll();
      return this.docs.get(key);
    }
    const body = stored.body(key);
    if (body === undefined) return undefined;
    const doc = this.codec.decode(JSON.parse(body));
    this.docs.set(key, doc);
    return doc;
  }

  /**
   * Reads the next `limit` stored documents not read yet; true once every one is (then the
   * documents stand in stored order, followed by those set since and not saved).
   */
  readSome(limit: number): boolean {
    const stored = this.stored;
    if (stored === null) return true;
    const page = stored.page(this.pagedTo, limit);
    for (const { key, body, place } of page) {
      this.paged.push(key);
      if (!this.docs.has(key)) this.docs.set(key, this.codec.decode(JSON.parse(body)));
      this.pagedTo = place;
    }
    if (page.length === limit) return false;
    const held = this.docs;
    const docs = new Map<string, T>();
    for (const key of this.paged) docs.set(key, held.get(key) as T);
    for (const [key, doc] of held) if (!docs.has(key)) docs.set(key, doc);
    this.docs = docs;
    this.stored = null;
    this.paged = [];
    return true;
  }

  private readAll(): void {
    while (!this.readSome(WALK_PAGE));
  }

  /** Counts every change (set, touch, load, clear): a query's cached answer stands while it does not move. */
  get version(): number {
    return this.changes;
  }

  set(key: string, doc: T): void {
    this.record(key);
    this.docs.set(key, doc);
    this.dirty.add(key);
  }

  /**
   * The keys set or touched since `version` (some more than once), for a cache that would rather
   * patch what changed than start again; null when that reaches further back than the table
   * remembers, or past a load or clear.
   */
  changedSince(version: number): readonly string[] | null {
    if (version < this.journalFrom || version > this.changes) return null;
    return this.journal.slice(version - this.journalFrom);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  touch(key: string): void {
    this.record(key);
    if (this.docs.has(key)) this.dirty.add(key);
  }

  private record(key: string): void {
    this.changes += 1;
    this.journal.push(key);
    if (this.journal.length > 2 * JOURNAL) {
      this.journal = this.journal.slice(JOURNAL);
      this.journalFrom += JOURNAL;
    }
  }

  /** A change no journal entry describes (a load, a clear): what came before cannot be patched. */
  private forget(): void {
    this.changes += 1;
    this.journal = [];
    this.journalFrom = this.changes;
  }

  values(): IterableIterator<T> {
    this.readAll();
    return this.docs.values();
  }

  /** In the order the documents were first set, which a restart keeps. */
  entries(): IterableIterator<[string, T]> {
    this.readAll();
    return this.docs.entries();
  }

  get size(): number {
    this.readAll();
    return this.docs.size;
  }

  /** @internal For the read-model store: the documents changed since the last call. */
  takeChanged(): [string, T][] {
    const changed: [string, T][] = [];
    for (const key of this.dirty) changed.push([key, this.docs.get(key) as T]);
    this.dirty = new Set();
    return changed;
  }

  /** @internal For the read-model store: state as last persisted. */
  load(entries: Iterable<[string, T]>): void {
    this.clear();
    for (const [key, doc] of entries) this.docs.set(key, doc);
    this.forget();
  }

  /** @internal For the read-model store: an on-demand table's state as last persisted, read as asked for. */
  attach(stored: StoredDocuments): void {
    this.clear();
    this.stored = stored;
    this.lookedUp = 0;
    this.pagedTo = 0;
  }

  clear(): void {
    this.forget();
    this.docs = new Map();
    this.stored = null;
    this.paged = [];
    this.dirty = new Set();
  }
}
