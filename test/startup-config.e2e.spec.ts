import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensureBuilt,
  freePort,
  JWT_SECRET,
  killAllServers,
  runUntilExit,
  RunResult,
  spawnServer,
  serverEnv,
  startServer,
  waitForStdout,
  writeAuditKey,
} from './support/server-process';
import request from 'supertest';

/**
 * A bad deployment stops at start-up, naming the setting, instead of misbehaving later. Each case
 * runs the built server (as `npm start` does) and expects a quick non-zero exit with the reason on
 * stderr, and nothing written to the data directory.
 */
describe('start-up refuses a bad configuration, naming the setting', () => {
  const dirs: string[] = [];

  beforeAll(() => ensureBuilt(), 150_000);
  afterEach(() => killAllServers());
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function refuse(
    settings: Record<string, string | undefined>,
  ): Promise<RunResult & { dataDir: string }> {
    const dataDir = mkdtempSync(join(tmpdir(), 'tracker-config-'));
    dirs.push(dataDir);
    const result = await runUntilExit(
      { PORT: String(await freePort()), DATA_DIR: join(dataDir, 'data'), ...settings },
      10_000,
    );
    return { ...result, dataDir };
  }

  /** Exited by itself, within a few seconds, with a failure code, and created no store. */
  function expectRefused(result: RunResult & { dataDir: string }) {
    expect({ exitedInTime: result.exitedInTime, signal: result.signal }).toEqual({
      exitedInTime: true,
      signal: null,
    });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.elapsedMs).toBeLessThan(10_000);
    expect(readdirSync(result.dataDir)).toEqual([]);
  }

  it('NODE_ENV=production without JWT_SECRET', async () => {
    const result = await refuse({ NODE_ENV: 'production' });
    expectRefused(result);
    expect(result.stderr).toMatch(/JWT_SECRET/);
  }, 15_000);

  it('NODE_ENV=production without AUDIT_KEY_FILE: production never makes up a signing key', async () => {
    const result = await refuse({ NODE_ENV: 'production', JWT_SECRET });
    expectRefused(result);
    expect(result.stderr).toMatch(/AUDIT_KEY_FILE is required when NODE_ENV=production/);
  }, 15_000);

  it('PORT=abc', async () => {
    const result = await refuse({ PORT: 'abc', JWT_SECRET });
    expectRefused(result);
    expect(result.stderr).toMatch(/\bPORT\b/);
    expect(result.stderr).toContain('abc');
  }, 15_000);

  it('COURT_TIMEZONE=Mars/Base', async () => {
    const result = await refuse({ COURT_TIMEZONE: 'Mars/Base', JWT_SECRET });
    expectRefused(result);
    expect(result.stderr).toMatch(/COURT_TIMEZONE/);
    expect(result.stderr).toContain('Mars/Base');
  }, 15_000);

  it('a misspelled COURT_TIMEZON is named as unknown', async () => {
    const result = await refuse({ COURT_TIMEZON: 'Asia/Shanghai', JWT_SECRET });
    expectRefused(result);
    expect(result.stderr).toMatch(/unknown[^\n]*COURT_TIMEZON\b/i);
  }, 15_000);

  it('DEMO=maybe', async () => {
    const result = await refuse({ DEMO: 'maybe', JWT_SECRET });
    expectRefused(result);
    expect(result.stderr).toMatch(/\bDEMO\b/);
    expect(result.stderr).toContain('maybe');
  }, 15_000);

  it('HOST that is not an address', async () => {
    const result = await refuse({ HOST: 'http://10.0.0.1', JWT_SECRET });
    expectRefused(result);
    expect(result.stderr).toMatch(/\bHOST must be an IP address or host name/);
    expect(result.stderr).toContain('http://10.0.0.1');
  }, 15_000);

  it('TRUST_PROXY=true (any client could claim any address)', async () => {
    const result = await refuse({ TRUST_PROXY: 'true', JWT_SECRET });
    expectRefused(result);
    expect(result.stderr).toMatch(/TRUST_PROXY=true/);
  }, 15_000);

  it('BLOB_STORE=s3 without its bucket and credentials, and an attachment limit that is no number', async () => {
    const result = await refuse({
      BLOB_STORE: 's3',
      S3_SECRET_ACCESS_KEY: 'never-printed',
      ATTACHMENT_MAX_MB: 'lots',
      JWT_SECRET,
    });
    expectRefused(result);
    expect(result.stderr).toContain('S3_BUCKET is required when BLOB_STORE=s3');
    expect(result.stderr).toContain('S3_ACCESS_KEY_ID is required when BLOB_STORE=s3');
    expect(result.stderr).toMatch(/ATTACHMENT_MAX_MB must be a whole number/);
    expect(result.stderr + result.stdout).not.toContain('never-printed');
  }, 15_000);

  it('a SUPERVISION_LADDER_FILE whose steps could not be followed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracker-ladder-'));
    dirs.push(dir);
    const file = join(dir, 'ladder.json');
    writeFileSync(
      file,
      JSON.stringify({
        steps: [
          {
            id: 'overdue',
            name: '督办通知书',
            level: 'overdue',
            trigger: { daysOverdue: 0 },
            recipients: ['department_head'],
          },
          {
            id: 'soon',
            name: '临期',
            level: 'due_soon',
            trigger: { daysBefore: 3 },
            recipients: ['department_head'],
          },
        ],
      }),
    );
    const result = await refuse({ SUPERVISION_LADDER_FILE: file, JWT_SECRET });
    expectRefused(result);
    expect(result.stderr).toContain(
      'SUPERVISION_LADDER_FILE steps[1] (soon) has a lower level than the step before it',
    );
  }, 15_000);

  it('DEMO=true in production (demo passwords are public)', async () => {
    const result = await refuse({ NODE_ENV: 'production', DEMO: 'true', JWT_SECRET });
    expectRefused(result);
    expect(result.stderr).toMatch(/\bDEMO\b/);
    expect(result.stderr).toMatch(/production/);
  }, 15_000);
});

/** The network settings as an operator sees them: `curl -I`, the docs switch, HOST. */
describe('the built server in production', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracker-prod-'));
    dirs.push(dir);
    return join(dir, 'data');
  };
  const production = (extra: Record<string, string> = {}) => {
    const data = dataDir();
    return {
      NODE_ENV: 'production',
      JWT_SECRET,
      DATA_DIR: data,
      AUDIT_KEY_FILE: writeAuditKey(join(data, '..', 'keys')),
      ...extra,
    };
  };

  beforeAll(() => ensureBuilt(), 150_000);
  afterEach(() => killAllServers());
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('answers HEAD with helmet headers and no X-Powered-By, and /api/docs is 404', async () => {
    const server = await startServer(production());
    const head = await server.http.head('/api/v1/health');
    expect(head.status).toBe(200);
    expect(head.headers['x-powered-by']).toBeUndefined();
    expect(head.headers['content-security-policy']).toContain("default-src 'self'");
    expect(head.headers['x-content-type-options']).toBe('nosniff');
    expect(head.headers['strict-transport-security']).toMatch(/^max-age=/);
    expect((await server.http.get('/api/docs')).status).toBe(404);
    expect((await server.http.get('/api/docs-json')).status).toBe(404);
    expect(server.stdout()).toContain('API docs: off');
    // The tests run on a built tree (npm test builds the web UI first): the banner says where it is.
    expect(server.stdout()).toContain(`Web UI:   http://localhost:${server.port}/`);
  }, 30_000);

  it('serves /api/docs with API_DOCS=true', async () => {
    const server = await startServer(production({ API_DOCS: 'true' }));
    expect((await server.http.get('/api/docs')).status).toBe(200);
    expect((await server.http.get('/api/docs-json')).body.openapi).toMatch(/^3\./);
  }, 30_000);

  it('listens only on HOST when it is set', async () => {
    const port = await freePort();
    const server = spawnServer(
      serverEnv({ ...production({ HOST: '127.0.0.2' }), PORT: String(port), LOG_LEVEL: 'warn' }),
    );
    await waitForStdout(server, `127.0.0.2:${port}`, 20_000);
    expect((await request(`http://127.0.0.2:${port}`).get('/api/v1/health')).status).toBe(200);
    await expect(request(`http://127.0.0.1:${port}`).get('/api/v1/health')).rejects.toThrow(/ECONNREFUSED/);
  }, 30_000);
});
