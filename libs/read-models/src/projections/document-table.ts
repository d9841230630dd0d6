export interface DocumentCodec<T> {
  encode(doc: T): unknown;
  decode(stored: unknown): T;
}

const IDENTITY: DocumentCodec<unknown> = { encode: (doc) => doc, decode: (stored) => stored };

/**
 * A projection's state: documents by key, held in memory (queries read them there) and written
 * to the read-model store in batches. A projection changes a document either by `set` or by
 * mutating what `get` returned and calling `touch`, so only changed documents are written.
 */
/** Recent changes a table remembers the keys of (see `changedSince`). */
const JOURNAL = 4_096;

export class DocumentTable<T> {
  private readonly docs = new Map<string, T>();
  private dirty = new Set<string>();
  private changes = 0;
  /** The keys of the latest changes, in order; the first is the change after `journalFrom`. */
  private journal: string[] = [];
  private journalFrom = 0;

  /** `codec` turns a document into what is stored (as JSON) and back; stored as is by default. */
  constructor(
    readonly name: string,
    readonly codec: DocumentCodec<T> = IDENTITY as DocumentCodec<T>,
  ) {}

  get(key: string): T | undefined {
    return this.docs.get(key);
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
    return this.docs.has(key);
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
    return this.docs.values();
  }

  /** In the order the documents were first set, which a restart keeps. */
  entries(): IterableIterator<[string, T]> {
    return this.docs.entries();
  }

  get size(): number {
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

  clear(): void {
    this.forget();
    this.docs.clear();
    this.dirty = new Set();
  }
}
