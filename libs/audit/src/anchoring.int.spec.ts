import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChainVerifier, EventStore, NewEvent, SqliteEventStore } from '@tracker/event-store';
import { streams } from '@tracker/domain';
import { deleteLastEvent, rewriteEvent } from '../../event-store/src/testing/tamper-sqlite';
import { AnchoredHistoryCheck, AnchoredHistoryReport } from './anchored-history';
import { Anchorer, readAnchors } from './anchoring';
import { AuditKey, openAuditKey } from './audit-key';
import { keyIdOf, signatureValid } from './statement';

const clock = { now: () => new Date('2026-03-02T01:00:00Z') };
const request = (idempotencyKey: string | null = null) => ({
  trigger: 'demand' as const,
  actor: { userId: 'inspector-1', role: 'inspector' },
  correlationId: 'c-1',
  idempotencyKey,
});

function event(type: string, data: unknown): NewEvent {
  return {
    eventId: crypto.randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata: {
      actor: { userId: 'u', role: 'leader' },
      recordedAt: clock.now().toISOString(),
      correlationId: 'c',
      causationId: null,
      idempotencyKey: null,
      command: null,
    },
  };
}

async function appendProgress(store: EventStore, measure: string, count: number) {
  for (let i = 0; i < count; i += 1)
    await store.appendToStream(
      streams.measure(measure),
      [event('ProgressReported', { measureId: measure, note: `第${i}次` })],
      'any',
    );
}

/** The integrity check as the API runs it: the audit stream first, then the whole feed once. */
async function check(
  store: EventStore,
  key: Pick<AuditKey, 'publicKey' | 'keyId'>,
): Promise<AnchoredHistoryReport & { chainFailures: number }> {
  const history = AnchoredHistoryCheck.fromAuditStream(await store.readStream(streams.audit()), key);
  const chains = new ChainVerifier();
  for (const e of await store.readAll()) {
    chains.add(e);
    history.see(e);
  }
  return { ...history.report(), chainFailures: chains.report().failures.length };
}

describe('Audit anchors over the embedded store', () => {
  let dir: string;
  let file: string;
  let store: SqliteEventStore;
  let key: AuditKey;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'anchors-'));
    file = join(dir, 'events.db');
    store = SqliteEventStore.open(file);
    key = openAuditKey(join(dir, 'audit-key.pem'), true).key;
    await appendProgress(store, 'm1', 3);
    await appendProgress(store, 'm2', 2);
  });
  afterEach(async () => {
    await store.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs what it anchored: position, event and stream counts, a root over every head; the history then verifies', async () => {
    const { anchor, created } = await new Anchorer(store, clock, key).anchor(request());
    expect(created).toBe(true);
    expect(anchor.statement).toMatchObject({
      sequence: 1,
      events: 5,
      streams: 2,
      changedStreams: 2,
      parts: 1,
      keyId: key.keyId,
    });
    expect(signatureValid(anchor.statement, anchor.signature, key.publicKey)).toBe(true);
    const report = await check(store, key);
    expect(report).toMatchObject({
      chainFailures: 0,
      anchorProblems: [],
      headProblems: [],
      anchors: { count: 1, trusted: 1 },
    });
    expect(report.unanchored.events).toBe(0);
  });

  it('reports events after the latest anchor as not yet anchored, and anchors only what changed next time', async () => {
    await new Anchorer(store, clock, key).anchor(request());
    await appendProgress(store, 'm2', 1);
    expect((await check(store, key)).unanchored).toEqual({
      events: 1,
      streams: 1,
      sampleStreams: ['measure-m2'],
    });
    // A new process: it rebuilds the heads from the audit stream, not from the feed.
    const { anchor } = await new Anchorer(store, clock, key).anchor(request());
    // m2 and the audit stream (holding the first anchor) changed; m1 did not.
    expect(anchor.statement).toMatchObject({ sequence: 2, events: 8, streams: 3, changedStreams: 2 });
    expect(anchor.statement.previousAnchorId).toBe((await readAnchors(store))[0].statement.anchorId);
    expect((await check(store, key)).unanchored.events).toBe(0);
  });

  it('answers a retried request with the anchor already recorded under its key', async () => {
    const anchorer = new Anchorer(store, clock, key);
    const first = await anchorer.anchor(request('k-1'));
    const again = await new Anchorer(store, clock, key).anchor(request('k-1'));
    expect(again).toEqual({ anchor: first.anchor, created: false });
    expect(await readAnchors(store)).toHaveLength(1);
  });

  it('two processes anchoring at once both succeed, one after the other', async () => {
    const [a, b] = await Promise.all([
      new Anchorer(store, clock, key).anchor(request()),
      new Anchorer(store, clock, key).anchor(request()),
    ]);
    expect([a.anchor.statement.sequence, b.anchor.statement.sequence].sort()).toEqual([1, 2]);
    expect((await check(store, key)).anchorProblems).toEqual([]);
  });

  it('catches a stream whose last anchored event was deleted with the triggers dropped, naming what was anchored', async () => {
    await new Anchorer(store, clock, key).anchor(request());
    const [anchoredHead] = await store.readStream(streams.measure('m1'), {
      direction: 'backwards',
      maxCount: 1,
    });
    await store.close();
    deleteLastEvent(file, streams.measure('m1'));
    store = SqliteEventStore.open(file);
    const report = await check(store, key);
    // The chain itself still verifies: only the anchor shows the tail is gone.
    expect(report.chainFailures).toBe(0);
    expect(report.headProblems).toEqual([
      expect.objectContaining({
        streamName: 'measure-m1',
        problem: 'missing',
        anchoredRevision: '2',
        anchoredHash: anchoredHead.hash,
        now: { revision: '1', hash: expect.any(String) },
      }),
    ]);
  });

  it('catches an event altered and its chain re-hashed, though the chain verifies again', async () => {
    await new Anchorer(store, clock, key).anchor(request());
    const before = await store.readStream(streams.measure('m1'));
    await store.close();
    rewriteEvent(file, streams.measure('m1'), 1, (data) => ({ ...data, note: '改写过的进展' }));
    store = SqliteEventStore.open(file);
    const after = await store.readStream(streams.measure('m1'));
    expect(after[1].data).toMatchObject({ note: '改写过的进展' });
    const report = await check(store, key);
    expect(report.chainFailures).toBe(0);
    expect(report.headProblems).toEqual([
      expect.objectContaining({
        streamName: 'measure-m1',
        problem: 'altered',
        anchoredRevision: '2',
        anchoredHash: before[2].hash,
        now: { revision: '2', hash: after[2].hash },
      }),
    ]);
  });

  it('does not trust an anchor signed with another key', async () => {
    const other = generateKeyPairSync('ed25519');
    const forger: AuditKey = { ...other, publicKeyPem: '', keyId: key.keyId };
    await new Anchorer(store, clock, forger).anchor(request());
    const report = await check(store, key);
    expect(report.anchorProblems).toEqual([
      expect.objectContaining({ sequence: 1, problem: 'signature_invalid' }),
    ]);
    expect(report.anchors.trusted).toBe(0);

    const honestOther: AuditKey = { ...other, publicKeyPem: '', keyId: keyIdOf(other.publicKey) };
    await new Anchorer(store, clock, honestOther).anchor(request());
    expect((await check(store, key)).anchorProblems[1]).toMatchObject({ sequence: 2, problem: 'other_key' });
  });
});
