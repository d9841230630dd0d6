import { DocumentTable } from './document-table';

describe('DocumentTable.changedSince', () => {
  it('given documents set and touched since a version, then names their keys in order, repeats included', () => {
    const table = new DocumentTable<{ n: number }>('t');
    table.set('a', { n: 1 });
    const seen = table.version;
    table.set('b', { n: 2 });
    table.touch('a');
    table.set('b', { n: 3 });
    expect(table.changedSince(seen)).toEqual(['b', 'a', 'b']);
    expect(table.changedSince(table.version)).toEqual([]);
  });

  it('given a load or a clear since, then cannot say (null): what changed is not in the journal', () => {
    const table = new DocumentTable<{ n: number }>('t');
    table.set('a', { n: 1 });
    const before = table.version;
    table.load([['a', { n: 2 }]]);
    expect(table.changedSince(before)).toBeNull();
    const loaded = table.version;
    table.set('b', { n: 1 });
    expect(table.changedSince(loaded)).toEqual(['b']);
    table.clear();
    expect(table.changedSince(loaded)).toBeNull();
  });

  it('given more changes since a version than it remembers, then null; recent versions still answer', () => {
    const table = new DocumentTable<{ n: number }>('t');
    const start = table.version;
    for (let i = 0; i < 10_000; i += 1) table.set(`k${i % 7}`, { n: i });
    expect(table.changedSince(start)).toBeNull();
    const recent = table.version - 3;
    expect(table.changedSince(recent)).toEqual(['k1', 'k2', 'k3']); // i = 9997, 9998, 9999
  });
});
