/**
 * An immutable map from strings whose `set` returns a new map sharing all but one path with the
 * old one (a hash trie, 32 ways per level): a few dozen slots copied, however many entries. For
 * state folded from a long stream, where copying a plain object or array on every event makes
 * the fold quadratic (a year's 督办单: ten thousand notices are fifty million copied entries).
 */
export class PersistentMap<V> {
  private static readonly EMPTY = new PersistentMap<never>(undefined, 0);

  static empty<V>(): PersistentMap<V> {
    return PersistentMap.EMPTY;
  }

  static of<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
    let map = PersistentMap.empty<V>();
    for (const [key, value] of entries) map = map.set(key, value);
    return map;
  }

  private constructor(
    private readonly root: TrieNode<V> | undefined,
    readonly size: number,
  ) {}

  get(key: string): V | undefined {
    return this.find(key)?.[1];
  }

  has(key: string): boolean {
    return this.find(key) !== undefined;
  }

  private find(key: string): readonly [string, V] | undefined {
    const hash = hashOf(key);
    let node = this.root;
    for (let shift = 0; node !== undefined; shift += BITS) {
      if (node.kind === 'leaf') {
        return node.hash === hash ? node.entries.find((entry) => entry[0] === key) : undefined;
      }
      node = node.slots[(hash >>> shift) & MASK];
    }
    return undefined;
  }

  set(key: string, value: V): PersistentMap<V> {
    const { node, added } = put(this.root, key, hashOf(key), value, 0);
    return new PersistentMap(node, this.size + (added ? 1 : 0));
  }

  /** In no particular order. */
  *entries(): IterableIterator<[string, V]> {
    const stack: TrieNode<V>[] = this.root ? [this.root] : [];
    while (stack.length > 0) {
      const node = stack.pop() as TrieNode<V>;
      if (node.kind === 'leaf') for (const [key, value] of node.entries) yield [key, value];
      else for (const slot of node.slots) if (slot) stack.push(slot);
    }
  }

  toObject(): Record<string, V> {
    return Object.fromEntries(this.entries());
  }
}

const BITS = 5;
const MASK = (1 << BITS) - 1;

/** The keys of one full 32-bit hash (nearly always one key). */
interface Leaf<V> {
  kind: 'leaf';
  hash: number;
  entries: readonly (readonly [string, V])[];
}
interface Branch<V> {
  kind: 'branch';
  slots: readonly (TrieNode<V> | undefined)[];
}
type TrieNode<V> = Leaf<V> | Branch<V>;

function put<V>(
  node: TrieNode<V> | undefined,
  key: string,
  hash: number,
  value: V,
  shift: number,
): { node: TrieNode<V>; added: boolean } {
  if (node === undefined) return { node: { kind: 'leaf', hash, entries: [[key, value]] }, added: true };
  if (node.kind === 'branch') {
    const index = (hash >>> shift) & MASK;
    const below = put(node.slots[index], key, hash, value, shift + BITS);
    const slots = node.slots.slice();
    slots[index] = below.node;
    return { node: { kind: 'branch', slots }, added: below.added };
  }
  if (node.hash === hash) {
    const at = node.entries.findIndex((entry) => entry[0] === key);
    const entries = node.entries.slice();
    if (at >= 0) entries[at] = [key, value];
    else entries.push([key, value]);
    return { node: { kind: 'leaf', hash, entries }, added: at < 0 };
  }
  // Two hashes share the bits so far: a branch here, and both go a level down. They differ within
  // 32 bits, so they part at a shift of 30 at the latest.
  const slots = new Array<TrieNode<V> | undefined>(1 << BITS).fill(undefined);
  slots[(node.hash >>> shift) & MASK] = node;
  return put({ kind: 'branch', slots }, key, hash, value, shift);
}

/** FNV-1a over the UTF-16 code units. */
function hashOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
