import { SqliteEventStore } from '@tracker/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanFeed } from './audit-feed';
import { AuditFilter } from './audit-query';

/** The feed scan over a real embedded store: where a page of matches stops and what it says next. */
describe('scanFeed', () => {
  let dir: string;
  let store: SqliteEventStore;

  // 2,500 events in one stream; every 1,000th is recorded by "needle", the rest by "hay".
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'audit-feed-int-'));
    store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    for (let chunk = 0; chunk < 5; chunk++) {
      const events = Array.from({ length: 500 }, (_, i) => {
        const n = chunk * 500 + i;
        return {
          eventId: `e-${n}`,
          type: 'ProgressReported',
          schemaVersion: 1,
          data: { n },
          metadata: {
            actor: { userId: n % 1000 === 999 ? 'needle' : 'hay', role: 'department_head' },
            recordedAt: '2026-03-02T02:00:00.000Z',
            correlationId: 'c',
            causationId: null,
            idempotencyKey: null,
            command: null,
          },
        };
      });
      await store.appendToStream('measure-m1', events, chunk === 0 ? 'no_stream' : BigInt(chunk * 500 - 1));
    }
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const needle: AuditFilter = { actorId: 'needle' };
  const n = (events: { data: unknown }[]) => events.map((e) => (e.data as { n: number }).n);

  it('reads past a thousand non-matching events to fill the page, then says more may follow', async () => {
    const page = await scanFeed(store, { after: undefined, limit: 1, filter: needle });
    expect(n(page.events)).toEqual([999]);
    expect(page.more).toBe(true);
    const next = await scanFeed(store, { after: page.scannedThrough, limit: 5, filter: needle });
    expect(n(next.events)).toEqual([1999]);
    expect(next.more).toBe(false);
    // Through the last event of the feed, so nothing is read twice.
    const stored = await store.readAll({ maxCount: 3_000 });
    expect(next.scannedThrough).toBe(stored.at(-1)?.position);
  });

  it('stops at the scan budget with the matches so far and the position to go on from', async () => {
    const page = await scanFeed(store, { after: undefined, limit: 5, filter: needle }, 1_000);
    expect(n(page.events)).toEqual([999]);
    expect(page.more).toBe(true);
    const empty = await scanFeed(
      store,
      { after: page.scannedThrough, limit: 5, filter: { actorId: 'nobody' } },
      1_000,
    );
    // An empty page that is not the end says so: the client goes on instead of stopping.
    expect(empty.events).toEqual([]);
    expect(empty.more).toBe(true);
    const rest = await scanFeed(store, { after: empty.scannedThrough, limit: 5, filter: needle }, 1_000);
    expect(rest.events).toEqual([]);
    expect(rest.more).toBe(false);
  });

  it('says the feed has ended when the page ends on its last event', async () => {
    const stored = await store.readAll({ maxCount: 3_000 });
    const page = await scanFeed(store, { after: stored[2496].position, limit: 3, filter: {} });
    expect(n(page.events)).toEqual([2497, 2498, 2499]);
    expect(page.more).toBe(false);
    const filtered = await scanFeed(store, { after: stored[1998].position, limit: 1, filter: needle });
    expect(n(filtered.events)).toEqual([1999]);
    expect(filtered.more).toBe(true);
  });

  it('without filters reads exactly one page of the plain feed', async () => {
    const page = await scanFeed(store, { after: undefined, limit: 3, filter: {} });
    expect(n(page.events)).toEqual([0, 1, 2]);
    expect(page.more).toBe(true);
    expect(page.scannedThrough).toBe(page.events[2].position);
  });
});
