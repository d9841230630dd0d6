export interface DocumentCodec<T> {
  encode(doc: T): unknown;
  decode(stored: unknown): T;
}

const IDENTITY: DocumentCodec<unknown> = { encode: (doc) => doc, decode: (stored) => stored };

/** What the read-model store holds of an on-demand table (set by the store when it loads it). */
export interface StoredDocuments {
  /** The stored body (JSON) of one key; undefined when it has none. */
  body(key: string): string | undefined;
  /** Every stored key and body, in the order they were first written. */
  all(): Iterable<{ key: string; body: string }>;
}

export interface DocumentTableOptions {
  /**
   * Read stored documents when first asked for instead of all at a start: for a large table a
   * process mostly reads by key (the API's measure states). After `ONE_BY_ONE` documents read one
   * at a time, or on the first walk over them all, the rest are read in one pass.
   */
  onDemand?: boolean;
}

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

  get onDemand(): boolean {
    return this.options.onDemand === true;
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

  /** Every stored document not read yet, in stored order, then those set since and not saved. */
  private readAll(): void {
    const stored = this.stored;
    if (stored === null) return;
    this.stored = null;
    const held = this.docs;
    const docs = new Map<string, T>();
    for (const { key, body } of stored.all())
      docs.set(key, held.get(key) ?? this.codec.decode(JSON.parse(body)));
    for (const [key, doc] of held) if (!docs.has(key)) docs.set(key, doc);
    this.docs = docs;
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
  }

  clear(): void {
    this.forget();
    this.docs = new Map();
    this.stored = null;
    this.dirty = new Set();
  }
}
