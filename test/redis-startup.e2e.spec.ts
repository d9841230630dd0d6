import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import request from 'supertest';
import { bearer } from './support/court';
import { ensureBuilt, freePort, killAllServers, runUntilExit, startServer } from './support/server-process';

async function answers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** The start command and Redis: a clear refusal when there is none, a private one when it can. */
describe('starting with Redis', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'tracker-redis-'));
    dirs.push(d);
    return d;
  };

  beforeAll(() => ensureBuilt(), 150_000);
  afterEach(() => killAllServers());
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('Redis unreachable at a remote REDIS_URL: a clear message and a non-zero exit', async () => {
    const result = await runUntilExit({
      PORT: String(await freePort()),
      DATA_DIR: dir(),
      REDIS_URL: 'redis://redis.invalid:6379',
    });
    expect(result.exitedInTime).toBe(true);
    expect(result.code).toBe(69);
    expect(result.stderr).toContain('Redis is not reachable at redis://redis.invalid:6379');
  });

  it('nothing at a local REDIS_URL and no redis-server installed: says what to install', async () => {
    const port = await freePort();
    const result = await runUntilExit({
      PORT: String(await freePort()),
      DATA_DIR: dir(),
      REDIS_URL: `redis://127.0.0.1:${port}`,
      PATH: '/nonexistent',
    });
    expect(result.code).toBe(69);
    expect(result.stderr).toContain('apt-get install redis-server');
  });

  it('nothing at a local REDIS_URL: starts a private redis-server under DATA_DIR with AOF, stops it on SIGTERM', async () => {
    const dataDir = dir();
    const url = `redis://127.0.0.1:${await freePort()}`;
    const server = await startServer(
      {
        DATA_DIR: dataDir,
        REDIS_URL: url,
        DEMO: 'false',
        ADMIN_USERNAME: 'ops',
        ADMIN_PASSWORD: 'ops-password',
      },
      30_000,
    );
    expect(await answers(url)).toBe(true);
    expect(existsSync(join(dataDir, 'redis', 'appendonlydir'))).toBe(true);

    // bull-board: administrators only, by the web UI's own session cookie (or a bearer token);
    // never a token in the URL.
    const http = request(server.url);
    await http.get('/admin/queues').expect(401);
    const signedIn = await http
      .post('/api/v1/auth/login')
      .send({ username: 'ops', password: 'ops-password' })
      .expect(200);
    const token = signedIn.body.accessToken as string;
    const cookie = (signedIn.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    await http.get('/admin/queues').set('Cookie', cookie).expect(200);
    await http.get('/admin/queues').set(bearer(token)).expect(200);
    await http.get(`/admin/queues?token=${token}`).expect(401);
    await http
      .post('/api/v1/users')
      .set(bearer(token))
      .send({
        username: 'li',
        password: 'Qiang-Mima-2026!',
        displayName: '李书记',
        role: 'leader',
        secretary: true,
      })
      .expect(201);
    const leader = (
      await http.post('/api/v1/auth/login').send({ username: 'li', password: 'Qiang-Mima-2026!' }).expect(200)
    ).body.accessToken as string;
    await http.get('/admin/queues').set(bearer(leader)).expect(403);

    const exit = await server.kill('SIGTERM');
    expect(exit.code).toBe(0);
    expect(await answers(url)).toBe(false);
  }, 60_000);
});
