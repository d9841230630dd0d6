import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { unzipFiles, verifyBundle } from '@tracker/audit';
import { bearer } from './support/court';
import { login, startTestApp, TestApp } from './support/test-app';

const DEMO_PASSWORD = 'Demo@2026';
const ROOT = join(__dirname, '..');

/** The audit export of the demo campaign, verified offline — and every kind of tampering with it named. */
describe('audit export and its offline verifier', () => {
  let t: TestApp;
  let inspector: Record<string, string>;
  let campaignId: string;
  let bundle: Map<string, Buffer>;
  let zip: Buffer;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tracker-bundle-'));
    t = await startTestApp({ demo: true, now: '2026-03-02T02:00:00Z' });
    inspector = bearer(await login(t.http, 'jijian', DEMO_PASSWORD));
    campaignId = (await t.http.get('/api/v1/campaigns').set(inspector).expect(200)).body[0].id;
    await t.http.post('/api/v1/audit/anchors').set(inspector).expect(201);
    const response = await t.http
      .get(`/api/v1/audit/export?campaignId=${campaignId}`)
      .set(inspector)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toContain("filename*=UTF-8''%E5%AE%A1%E8%AE%A1");
    zip = response.body as Buffer;
    bundle = await unzipFiles(zip);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const lines = () => bundle.get('events.jsonl')!.toString('utf8').trimEnd().split('\n');
  const withEvents = (changed: string[]) =>
    new Map([...bundle, ['events.jsonl', Buffer.from(`${changed.join('\n')}\n`)]]);

  it('holds the campaign’s events in order with their hashes, the anchors with proofs, the key, a Chinese history and a README', async () => {
    expect([...bundle.keys()].sort()).toEqual(
      [
        'README.txt',
        'anchors.json',
        'attachments.json',
        'events.jsonl',
        'history.xlsx',
        'manifest.json',
        'manifest.sig',
        'public-key.pem',
      ].sort(),
    );
    const events = lines().map((l) => JSON.parse(l));
    expect(new Set(events.map((e) => e.streamName.split('-')[0]))).toEqual(new Set(['campaign', 'measure']));
    expect(events[0]).toMatchObject({
      streamName: `campaign-${campaignId}`,
      revision: '0',
      previousHash: null,
    });
    const anchors = JSON.parse(bundle.get('anchors.json')!.toString());
    expect(anchors).toHaveLength(1);
    // Every stream of the bundle was anchored: one proof each.
    expect(anchors[0].heads).toHaveLength(JSON.parse(bundle.get('manifest.json')!.toString()).streams.length);
    expect(bundle.get('README.txt')!.toString()).toContain('npm run audit:verify');
  });

  it('verifies offline with npm run audit:verify: no server, no database', async () => {
    const file = join(dir, 'bundle.zip');
    writeFileSync(file, zip);
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'audit:verify', '--', file], {
      cwd: ROOT,
    });
    expect(stdout).toMatch(/^核验通过：\d+ 个事件、\d+ 个流、1 个审计锚点（\d+ 个流头证明）/);
    const tampered = join(dir, 'tampered.zip');
    const { zipFiles } = await import('@tracker/audit');
    const flipped = lines();
    flipped[3] = flipped[3].replace('"revision":', ' "revision":');
    const chunks: Buffer[] = [];
    for await (const c of zipFiles(withEvents(flipped), new Date())) chunks.push(c as Buffer);
    writeFileSync(tampered, Buffer.concat(chunks));
    const failed = await promisify(execFile)('npm', ['run', '--silent', 'audit:verify', '--', tampered], {
      cwd: ROOT,
    }).catch((error: { code: number; stdout: string }) => error);
    expect(failed).toMatchObject({ code: 1, stdout: expect.stringContaining('核验未通过') });
  }, 60_000);

  it('one flipped byte in events.jsonl fails, naming the line and the event', () => {
    const changed = lines();
    const event = JSON.parse(changed[5]);
    // One character of the data: a byte of content the chain covers.
    changed[5] = changed[5].replace(/"type":"(\w)/, (_m, c: string) => `"type":"${c === 'M' ? 'N' : 'M'}`);
    const verdict = verifyBundle(withEvents(changed));
    expect(verdict.ok).toBe(false);
    expect(verdict.failures).toContainEqual(expect.stringContaining(`第6行（事件 ${event.eventId}`));
    expect(verdict.failures).toContainEqual(expect.stringContaining('events.jsonl 的 SHA-256 与清单不符'));
  });

  it('one deleted line fails, naming the event after the gap (or, for a last event, the stream cut short)', () => {
    const all = lines().map((l) => JSON.parse(l));
    const middle = all.findIndex((e, i) =>
      all.slice(i + 1).some((later) => later.streamName === e.streamName),
    );
    const next = all.slice(middle + 1).find((e) => e.streamName === all[middle].streamName);
    const verdict = verifyBundle(withEvents(lines().filter((_, i) => i !== middle)));
    expect(verdict.failures).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `事件 ${next.eventId}，${all[middle].streamName} 第${next.revision}号）：应为第${all[middle].revision}号`,
        ),
      ),
    );
    const lastOfStream = all.length - 1;
    const cut = verifyBundle(withEvents(lines().slice(0, lastOfStream)));
    expect(cut.failures).toContainEqual(
      expect.stringContaining(
        `流 ${all[lastOfStream].streamName} 在清单中到第${all[lastOfStream].revision}号为止`,
      ),
    );
  });

  it('one reordered pair fails, naming the event out of place', () => {
    const changed = lines();
    [changed[7], changed[8]] = [changed[8], changed[7]];
    const moved = JSON.parse(changed[8]);
    const verdict = verifyBundle(withEvents(changed));
    expect(verdict.failures).toContainEqual(expect.stringContaining(`第9行（事件 ${moved.eventId}`));
    expect(verdict.failures).toContainEqual(expect.stringContaining('事件顺序被调换'));
  });

  it('a bundle signed with another key, or an anchor from another key, fails', () => {
    const { generateKeyPairSync } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const verdict = verifyBundle(new Map([...bundle, ['public-key.pem', Buffer.from(other)]]));
    expect(verdict.failures).toContainEqual(expect.stringContaining('manifest.json 的签名无效'));
    expect(verdict.failures).toContainEqual(expect.stringContaining('审计锚点第1号'));
  });

  it('the export is for inspectors: a department head or a leader gets 403; a bad scope gets 400 naming the field', async () => {
    const head = bearer(await login(t.http, 'minyi', DEMO_PASSWORD));
    const leader = bearer(await login(t.http, 'shuji', DEMO_PASSWORD));
    await t.http.get(`/api/v1/audit/export?campaignId=${campaignId}`).set(head).expect(403);
    await t.http.get(`/api/v1/audit/export?campaignId=${campaignId}`).set(leader).expect(403);
    const bad = await t.http
      .get(`/api/v1/audit/export?campaignId=nope&measureId=x&from=2026-13-01`)
      .set(inspector)
      .expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/campaignId/);
    expect(JSON.stringify(bad.body)).toMatch(/from/);
  });
});
