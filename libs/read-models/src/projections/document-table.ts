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
export class DocumentTable<T> {
  private readonly docs = new Map<string, T>();
  private dirty = new Set<string>();
  private changes = 0;

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
    this.changes += 1;
    this.docs.set(key, doc);
    this.dirty.add(key);
  }

  has(key: string): boolean {
    return this.docs.has(key);
  }

  touch(key: string): void {
    this.changes += 1;
    if (this.docs.has(key)) this.dirty.add(key);
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
    this.changes += 1;
    for (const [key, doc] of entries) this.docs.set(key, doc);
  }

  clear(): void {
    this.changes += 1;
    this.docs.clear();
    this.dirty = new Set();
  }
}
