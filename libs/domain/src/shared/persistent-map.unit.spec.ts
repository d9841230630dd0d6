import { PersistentMap } from './persistent-map';

describe('PersistentMap', () => {
  it('keeps every entry of a large map, and each earlier map as it was', () => {
    const maps = [PersistentMap.empty<number>()];
    for (let i = 0; i < 5_000; i++) maps.push(maps[i].set(`m-${i}-v1-deadline-overdue`, i));
    const last = maps[maps.length - 1];
    expect(last.size).toBe(5_000);
    for (let i = 0; i < 5_000; i++) expect(last.get(`m-${i}-v1-deadline-overdue`)).toBe(i);
    expect(last.has('m-5000-v1-deadline-overdue')).toBe(false);
    // An earlier version sees only what was set before it.
    expect(maps[100].size).toBe(100);
    expect(maps[100].has('m-99-v1-deadline-overdue')).toBe(true);
    expect(maps[100].has('m-100-v1-deadline-overdue')).toBe(false);
    expect(new Set([...last.entries()].map(([key]) => key)).size).toBe(5_000);
  });

  it('replaces a value without changing the size or the map it came from', () => {
    const one = PersistentMap.of([['a', { received: false }]]);
    const two = one.set('a', { received: true });
    expect([one.get('a'), two.get('a'), two.size]).toEqual([{ received: false }, { received: true }, 1]);
    expect(two.toObject()).toEqual({ a: { received: true } });
  });

  it('tells a key holding undefined from a missing one', () => {
    const map = PersistentMap.empty<undefined>().set('present', undefined);
    expect([map.has('present'), map.has('absent')]).toEqual([true, false]);
  });

  it('keeps keys whose hashes collide apart', () => {
    // 'k32728' and 'k261234' have the same FNV-1a hash, so they share a leaf.
    const map = PersistentMap.of([
      ['k32728', 1],
      ['k261234', 2],
      ['k1', 3],
    ]);
    const replaced = map.set('k261234', 20);
    expect([map.get('k32728'), map.get('k261234'), map.get('k1'), map.size]).toEqual([1, 2, 3, 3]);
    expect([replaced.get('k32728'), replaced.get('k261234'), replaced.size]).toEqual([1, 20, 3]);
    expect(map.has('k261235')).toBe(false);
  });
});
