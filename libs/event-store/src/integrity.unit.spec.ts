import { RecordedEvent } from './event';
import { canonicalJson, computeEventHash, verifyAll, verifyStreamChain } from './integrity';

describe('canonicalJson', () => {
  it('writes the same text whatever order keys were added in, at every depth', () => {
    const one = { b: 1, a: { d: [1, { y: 2, x: 1 }], c: '整改' } };
    const other = { a: { c: '整改', d: [1, { x: 1, y: 2 }] }, b: 1 };

    expect(canonicalJson(one)).toBe(canonicalJson(other));
    expect(canonicalJson(one)).toBe('{"a":{"c":"整改","d":[1,{"x":1,"y":2}]},"b":1}');
  });

  it('keeps array order, since it is meaningful', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('writes bigints as decimal strings and omits undefined members as JSON does', () => {
    expect(
      canonicalJson({ revision: 9_007_199_254_740_993n, gone: undefined, list: [undefined, null] }),
    ).toBe('{"list":[null,null],"revision":"9007199254740993"}');
  });

  it('is stable across a JSON round trip', () => {
    const value = {
      when: new Date('2024-01-02T03:04:05.000Z'),
      gone: undefined,
      nested: { z: [1.5, 'a'], a: true },
    };

    expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
  });

  it('escapes strings as JSON does', () => {
    expect(canonicalJson({ 'k"ey': 'line\nbreak "quoted"' })).toBe('{"k\\"ey":"line\\nbreak \\"quoted\\""}');
  });

  it('refuses circular structures and values with no JSON form', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;

    expect(() => canonicalJson(circular)).toThrow(/circular/);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });

  it('accepts the same object twice when it is not its own ancestor', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });
});

describe('computeEventHash', () => {
  const base = {
    streamName: 'task-1',
    revision: 0n,
    eventId: 'e-1',
    type: 'Opened',
    schemaVersion: 1,
    data: { title: '整改', amount: 1 },
    metadata: { actor: { userId: 'u', role: 'r' } },
  };

  it('is a SHA-256 hex digest independent of key order', () => {
    const hash = computeEventHash(base, null);

    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(computeEventHash({ ...base, data: { amount: 1, title: '整改' } }, null)).toBe(hash);
  });

  it('changes with every field it covers and with the previous hash', () => {
    const hash = computeEventHash(base, null);
    const variants = [
      { ...base, streamName: 'task-2' },
      { ...base, revision: 1n },
      { ...base, eventId: 'e-2' },
      { ...base, type: 'Closed' },
      { ...base, schemaVersion: 2 },
      { ...base, data: { title: '整改', amount: 2 } },
      { ...base, metadata: { actor: { userId: 'v', role: 'r' } } },
    ];

    for (const variant of variants) expect(computeEventHash(variant, null)).not.toBe(hash);
    expect(computeEventHash(base, 'a'.repeat(64))).not.toBe(hash);
  });

  it('ignores fields outside the content, such as the global position', () => {
    const withPosition = { ...base, position: 42n, hash: 'whatever', previousHash: 'ignored' };

    expect(computeEventHash(withPosition, null)).toBe(computeEventHash(base, null));
  });
});

describe('verifyStreamChain', () => {
  it('accepts a well-formed chain and an empty stream', () => {
    expect(verifyStreamChain(chain('task-1', 4))).toEqual({ ok: true });
    expect(verifyStreamChain([])).toEqual({ ok: true });
  });

  it('detects altered data', () => {
    const events = chain('task-1', 4);
    events[2] = { ...events[2], data: { n: 99 } };

    expect(verifyStreamChain(events)).toMatchObject({
      ok: false,
      streamName: 'task-1',
      revision: 2n,
      reason: expect.stringMatching(/altered/),
    });
  });

  it('detects altered metadata and a forged hash that no longer links', () => {
    const events = chain('task-1', 3);
    const altered = [...events];
    altered[0] = {
      ...events[0],
      metadata: { ...events[0].metadata, recordedAt: '2030-01-01T00:00:00.000Z' },
    };
    const rehashed = [...altered];
    rehashed[0] = { ...altered[0], hash: computeEventHash(altered[0], null) };

    expect(verifyStreamChain(altered)).toMatchObject({ ok: false, revision: 0n });
    // Recomputing the altered event's hash only moves the break to the next event's link.
    expect(verifyStreamChain(rehashed)).toMatchObject({
      ok: false,
      revision: 1n,
      reason: expect.stringMatching(/previousHash/),
    });
  });

  it('detects a removed event as a gap', () => {
    const events = chain('task-1', 4);
    events.splice(1, 1);

    expect(verifyStreamChain(events)).toMatchObject({
      ok: false,
      revision: 2n,
      reason: expect.stringMatching(/expected revision 1/),
    });
  });

  it('detects a removed first event', () => {
    expect(verifyStreamChain(chain('task-1', 3).slice(1))).toMatchObject({ ok: false, revision: 1n });
  });

  it('detects reordered events', () => {
    const events = chain('task-1', 4);
    [events[1], events[2]] = [events[2], events[1]];

    expect(verifyStreamChain(events)).toMatchObject({ ok: false, revision: 2n });
  });

  it('detects reordered events even when their revisions are renumbered', () => {
    const events = chain('task-1', 4);
    const swapped = [events[0], { ...events[2], revision: 1n }, { ...events[1], revision: 2n }, events[3]];

    expect(verifyStreamChain(swapped)).toMatchObject({ ok: false, revision: 1n });
  });

  it('detects an event from another stream', () => {
    const events = [...chain('task-1', 2), chain('task-2', 3)[2]];

    expect(verifyStreamChain(events)).toMatchObject({
      ok: false,
      streamName: 'task-2',
      reason: expect.stringMatching(/belongs to stream/),
    });
  });
});

describe('verifyAll', () => {
  it('verifies interleaved streams in feed order and counts them', () => {
    const a = chain('task-1', 3);
    const b = chain('task-2', 2);

    expect(verifyAll([a[0], b[0], a[1], b[1], a[2]])).toEqual({ streams: 2, events: 5, failures: [] });
  });

  it('reports the first break of each broken stream only', () => {
    const a = chain('task-1', 3);
    const b = chain('task-2', 3);
    const c = chain('task-3', 2);
    a[1] = { ...a[1], data: { n: 'forged' } };
    b.splice(0, 1);

    const report = verifyAll([a[0], b[0], c[0], a[1], b[1], a[2], c[1]]);

    expect(report.streams).toBe(3);
    expect(report.events).toBe(7);
    expect(report.failures).toEqual([
      { streamName: 'task-2', revision: 1n, reason: expect.any(String) },
      { streamName: 'task-1', revision: 1n, reason: expect.any(String) },
    ]);
  });

  it('accepts any iterable, such as a generator over pages', () => {
    function* feed(): Generator<RecordedEvent> {
      yield* chain('task-1', 2);
    }

    expect(verifyAll(feed())).toEqual({ streams: 1, events: 2, failures: [] });
  });
});

/** A correctly chained stream of `count` events. */
function chain(streamName: string, count: number): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  let previousHash: string | null = null;
  for (let i = 0; i < count; i += 1) {
    const content = {
      streamName,
      revision: BigInt(i),
      eventId: `${streamName}-e${i}`,
      type: 'Noted',
      schemaVersion: 1,
      data: { n: i },
      metadata: {
        actor: { userId: 'user-1', role: 'admin' },
        recordedAt: '2024-01-02T03:04:05.000Z',
        correlationId: `c-${i}`,
        causationId: null,
        idempotencyKey: null,
        command: null,
      },
    };
    const hash = computeEventHash(content, previousHash);
    events.push({ ...content, position: BigInt(100 + i), hash, previousHash });
    previousHash = hash;
  }
  return events;
}
