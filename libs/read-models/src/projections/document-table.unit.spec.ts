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

describe('DocumentTable on demand', () => {
  /** A stored table that counts how it is read. */
  function stored(entries: [string, { n: number }][]) {
    const reads = { one: 0, pages: 0 };
    const bodies = new Map(entries.map(([key, doc]) => [key, JSON.stringify(doc)]));
    return {
      reads,
      source: {
        body: (key: string) => {
          reads.one += 1;
          return bodies.get(key);
        },
        page: (after: number, limit: number) => {
          reads.pages += 1;
          return [...bodies]
            .map(([key, body], i) => ({ key, body, place: i + 1 }))
            .filter((row) => row.place > after)
            .slice(0, limit);
        },
      },
    };
  }
  const onDemand = () => new DocumentTable<{ n: number }>('t', undefined, { loading: 'on demand' });

  it('given stored documents, when one is asked for, then only it is read, once', () => {
    const table = onDemand();
    const { source, reads } = stored([
      ['a', { n: 1 }],
      ['b', { n: 2 }],
    ]);
    table.attach(source);
    expect(reads).toEqual({ one: 0, pages: 0 });
    expect(table.get('b')).toEqual({ n: 2 });
    expect(table.get('b')).toBe(table.get('b'));
    expect(table.has('z')).toBe(false);
    expect(reads).toEqual({ one: 2, pages: 0 });
  });

  it('given documents changed since the start, then a walk over all keeps stored order and the changes', () => {
    const table = onDemand();
    const { source, reads } = stored([
      ['a', { n: 1 }],
      ['b', { n: 2 }],
      ['c', { n: 3 }],
    ]);
    table.attach(source);
    table.get('c')!.n = 30;
    table.touch('c');
    table.set('d', { n: 4 });
    table.set('a', { n: 10 });
    expect([...table.entries()]).toEqual([
      ['a', { n: 10 }],
      ['b', { n: 2 }],
      ['c', { n: 30 }],
      ['d', { n: 4 }],
    ]);
    expect(table.size).toBe(4);
    expect(reads.pages).toBe(1);
    expect(table.takeChanged().map(([key]) => key)).toEqual(['c', 'd', 'a']);
  });

  it('given many keys asked for one at a time, then the rest are read in one pass', () => {
    const table = onDemand();
    const { source, reads } = stored(Array.from({ length: 3_000 }, (_, i) => [`k${i}`, { n: i }]));
    table.attach(source);
    for (let i = 0; i < 3_000; i += 1) expect(table.get(`k${i}`)).toEqual({ n: i });
    expect(reads).toEqual({ one: 1_024, pages: 1 });
  });

  it('given the rest read a slice at a time while documents change, then each is read once and stored order holds', () => {
    const table = onDemand();
    const { source, reads } = stored(Array.from({ length: 10 }, (_, i) => [`k${i}`, { n: i }]));
    table.attach(source);
    table.get('k7')!.n = 70;
    table.touch('k7');
    expect(table.readSome(4)).toBe(false);
    table.set('new', { n: 100 });
    table.set('k2', { n: 20 });
    expect(table.readSome(4)).toBe(false);
    expect(table.readSome(4)).toBe(true);
    expect(table.readSome(4)).toBe(true);
    expect(reads).toEqual({ one: 1, pages: 3 });
    expect([...table.entries()].map(([key, doc]) => `${key}=${doc.n}`)).toEqual([
      'k0=0',
      'k1=1',
      'k2=20',
      'k3=3',
      'k4=4',
      'k5=5',
      'k6=6',
      'k7=70',
      'k8=8',
      'k9=9',
      'new=100',
    ]);
    expect(table.takeChanged().map(([key]) => key)).toEqual(['k7', 'new', 'k2']);
  });

  it('given a clear, then nothing stored is read any more', () => {
    const table = onDemand();
    const { source, reads } = stored([['a', { n: 1 }]]);
    table.attach(source);
    table.clear();
    expect(table.get('a')).toBeUndefined();
    expect(table.size).toBe(0);
    expect(reads).toEqual({ one: 0, pages: 0 });
  });
});
