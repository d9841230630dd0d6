import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { deleteLastEvent, rewriteEvent, streamRows } from '../libs/event-store/src/testing/tamper-sqlite';
import { bearer, Court, setUpCourt } from './support/court';
import { Fixtures, MeasureFixture } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

/**
 * 审计锚点 over HTTP, and what they are for: a history rewritten with the sqlite3 shell while the
 * server was stopped — triggers dropped, a tail deleted, or an event altered and its chain
 * re-hashed so that the chain verifies — is named at the next start.
 */
describe('audit anchors catch a rewritten history', () => {
  let dataDir: string;
  let t: TestApp;
  let court: Court;
  let first: MeasureFixture;
  let second: MeasureFixture;
  const storeFile = () => join(dataDir, 'events.sqlite');
  const inspector = () => bearer(court.users.inspector.token);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tracker-anchors-'));
    t = await startTestApp({ dataDir });
    court = await setUpCourt(t);
    const fixtures = new Fixtures(t, court);
    first = await fixtures.measure('submitted');
    second = await fixtures.measure('submitted');
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Stops the server, lets `tamper` at its store file, starts it again on the same data. */
  async function restartAfter(tamper: () => void) {
    await t.close();
    tamper();
    t = await startTestApp({ dataDir });
  }

  it('an inspector anchors on demand, once per Idempotency-Key; anyone else gets 403 and nothing is written', async () => {
    const before = (await t.dump()).length;
    for (const who of ['secretary', 'leader', 'civilHead', 'admin'] as const)
      await t.http.post('/api/v1/audit/anchors').set(bearer(court.users[who].token)).expect(403);
    expect((await t.dump()).length).toBe(before);

    const created = await t.http
      .post('/api/v1/audit/anchors')
      .set(inspector())
      .set('Idempotency-Key', 'a-1')
      .expect(201);
    expect(created.body).toMatchObject({
      sequence: 1,
      trigger: 'demand',
      events: before,
      signatureValid: true,
      fingerprint: expect.stringMatching(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/),
    });
    const retried = await t.http
      .post('/api/v1/audit/anchors')
      .set(inspector())
      .set('Idempotency-Key', 'a-1')
      .expect(200);
    expect(retried.body.anchorId).toBe(created.body.anchorId);

    const listed = await t.http.get('/api/v1/audit/anchors').set(inspector()).expect(200);
    expect(listed.body.map((a: { anchorId: string }) => a.anchorId)).toEqual([created.body.anchorId]);
    const key = await t.http.get('/api/v1/audit/public-key').set(inspector()).expect(200);
    expect(key.body).toMatchObject({ algorithm: 'Ed25519', keyId: created.body.keyId });
    expect(key.body.publicKeyPem).toContain('BEGIN PUBLIC KEY');
    await t.http.get('/api/v1/audit/anchors').set(bearer(court.users.civilHead.token)).expect(403);

    const integrity = await t.http.get('/api/v1/audit/integrity').set(inspector()).expect(200);
    expect(integrity.body).toMatchObject({
      ok: true,
      headProblems: [],
      anchorProblems: [],
      anchors: { trusted: 1 },
    });
  });

  it('every exported ledger carries the latest anchor’s 校验码 and time in its footer', async () => {
    const [latest] = (await t.http.get('/api/v1/audit/anchors').set(inspector()).expect(200)).body;
    const ledger = await t.http
      .get('/api/v1/ledger.xlsx')
      .set(bearer(court.users.secretary.token))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(ledger.body as unknown as ExcelJS.Buffer);
    expect(book.worksheets[0].headerFooter.oddFooter).toContain(`校验码 ${latest.fingerprint}（锚点 `);
  });

  it('events recorded after the latest anchor are reported as not yet anchored, not as verified', async () => {
    const campaignId = await new Fixtures(t, court).campaign();
    const integrity = await t.http.get('/api/v1/audit/integrity').set(inspector()).expect(200);
    expect(integrity.body.ok).toBe(true);
    // The new campaign, and the ledger export before it: the access log is chained and anchored too.
    expect(integrity.body.unanchored).toEqual({
      events: 2,
      streams: 2,
      sampleStreams: ['access-2026-03-02', `campaign-${campaignId}`],
    });
    await t.http.post('/api/v1/audit/anchors').set(inspector()).expect(201);
  });

  it('a measure stream whose last anchored event was deleted with the triggers dropped fails, naming the anchored revision and hash', async () => {
    const stream = `measure-${first.id}`;
    const rows = streamRows(storeFile(), stream);
    const last = rows[rows.length - 1];
    await restartAfter(() => deleteLastEvent(storeFile(), stream));
    const integrity = await t.http.get('/api/v1/audit/integrity').set(inspector()).expect(200);
    expect(integrity.body.ok).toBe(false);
    // The chain alone cannot tell: what is left of the stream still links up.
    expect(integrity.body.failures).toEqual([]);
    expect(integrity.body.headProblems).toEqual([
      expect.objectContaining({
        streamName: stream,
        problem: 'missing',
        anchoredRevision: String(last.revision),
        anchoredHash: last.hash,
        now: { revision: String(last.revision - 1), hash: rows[rows.length - 2].hash },
      }),
    ]);
  });

  it('an event altered and its chain re-hashed so that the chain verifies still fails, naming the stream', async () => {
    const stream = `measure-${second.id}`;
    const before = streamRows(storeFile(), stream);
    await restartAfter(() =>
      rewriteEvent(storeFile(), stream, 1, (data) => ({ ...data, title: '改写后的措施标题' })),
    );
    const after = streamRows(storeFile(), stream);
    const integrity = await t.http.get('/api/v1/audit/integrity').set(inspector()).expect(200);
    expect(integrity.body.failures).toEqual([]);
    const head = before[before.length - 1];
    expect(integrity.body.headProblems).toContainEqual(
      expect.objectContaining({
        streamName: stream,
        problem: 'altered',
        anchoredRevision: String(head.revision),
        anchoredHash: head.hash,
        now: { revision: String(head.revision), hash: after[after.length - 1].hash },
      }),
    );
  });
});
