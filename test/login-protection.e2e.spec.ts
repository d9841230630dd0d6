import { PASSWORD_HASHING } from '@tracker/platform';
import { removeRedisKeys, startTestApp, TestApp } from './support/test-app';

/** The first administrator every test app has (testConfig). */
const ADMIN = { username: 'admin', password: 'admin-password' };
const wrong = (username = ADMIN.username) => ({ username, password: 'not-the-password' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * The time a quarter of the attempts beat: what the work itself costs. Load on the machine (the
 * other suites running) only ever adds time, and a median of a few samples moved by 40 % with it.
 */
const lowerQuartile = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 4)];

async function attempt(t: TestApp, body: { username: string; password: string }) {
  const started = performance.now();
  const response = await t.http.post('/api/v1/auth/login').send(body);
  return { status: response.status, response, ms: performance.now() - started };
}

describe('POST /auth/login against guessing', () => {
  const apps: TestApp[] = [];
  const start = async (config: Parameters<typeof startTestApp>[0] = {}) => {
    const t = await startTestApp(config);
    apps.push(t);
    return t;
  };
  afterAll(async () => {
    for (const t of apps) await t.close();
  });

  it('locks the account after 5 wrong passwords: 429 with Retry-After, even for the right password; it opens again, and the next lock lasts twice as long', async () => {
    const t = await start({ config: { loginLockSeconds: 2 } });
    const statuses: number[] = [];
    let lockedAt = 0;
    let retryAfter = '';
    for (let i = 0; i < 200; i++) {
      const { status, response } = await attempt(t, wrong());
      statuses.push(status);
      if (status === 429 && lockedAt === 0) {
        lockedAt = Date.now();
        retryAfter = response.headers['retry-after'];
        expect(response.body).toMatchObject({
          code: 'login_locked',
          message: '密码错误次数过多，已暂停登录，请 1 分钟后再试',
        });
      }
      // Within the lock, every attempt is refused before any password is checked.
      if (lockedAt > 0 && Date.now() - lockedAt < 1_500) expect(status).toBe(429);
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses[4]).toBe(429);
    expect(retryAfter).toBe('2');
    expect(statuses.filter((s) => s === 401).length).toBeLessThan(20);

    // The right password does not open a locked account...
    const during = await attempt(t, ADMIN);
    if (Date.now() - lockedAt < 1_500) expect(during.status).toBe(429);
    // ...but does once the lock is over.
    await sleep(Number(during.response.headers['retry-after'] ?? 0) * 1000 + 200);
    expect((await attempt(t, ADMIN)).status).toBe(200);

    // A success ends the run of failures; the day's next lock doubles.
    for (let i = 0; i < 4; i++) expect((await attempt(t, wrong())).status).toBe(401);
    const second = await attempt(t, wrong());
    expect(second.status).toBe(429);
    expect(Number(second.response.headers['retry-after'])).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('counts across two API instances on one Redis', async () => {
    const prefix = `e2e-shared-${process.pid}-${Date.now()}`;
    try {
      const one = await start({ config: { redisPrefix: prefix } });
      const two = await start({ config: { redisPrefix: prefix } });
      for (let i = 0; i < 2; i++) expect((await attempt(one, wrong())).status).toBe(401);
      for (let i = 0; i < 2; i++) expect((await attempt(two, wrong())).status).toBe(401);
      expect((await attempt(one, wrong())).status).toBe(429);
      expect((await attempt(two, ADMIN)).status).toBe(429);
    } finally {
      await removeRedisKeys(prefix);
    }
  }, 60_000);

  it('answers an unknown username as slowly as a known one (their lower-quartile times within 25 % of each other)', async () => {
    // At the production cost, where the hash is most of a sign-in's time (test apps hash cheaply).
    const t = await start({ config: { loginMaxFailures: 100, passwordHashing: { ...PASSWORD_HASHING } } });
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) await attempt(t, wrong()); // warm up
    // Interleaved, so load on the machine falls on both alike.
    for (let i = 0; i < 24; i++) {
      known.push((await attempt(t, wrong())).ms);
      const stranger = await attempt(t, wrong(`nobody-${i}`));
      expect(stranger.status).toBe(401);
      expect(stranger.response.body.message).toBe('用户名或密码错误');
      unknown.push(stranger.ms);
    }
    const ratio = lowerQuartile(unknown) / lowerQuartile(known);
    expect(ratio).toBeGreaterThan(0.8);
    expect(ratio).toBeLessThan(1.25);
  }, 60_000);

  it('refuses a client address after 100 wrong passwords in an hour, whatever the usernames', async () => {
    const t = await start();
    const statuses: number[] = [];
    for (let i = 0; i < 101; i++) statuses.push((await attempt(t, wrong(`guess-${i}`))).status);
    expect(statuses.slice(0, 100).every((s) => s === 401)).toBe(true);
    expect(statuses[100]).toBe(429);
    // From that address, even a right password waits.
    const locked = await attempt(t, ADMIN);
    expect(locked.status).toBe(429);
    expect(Number(locked.response.headers['retry-after'])).toBeGreaterThan(3_000);
  }, 120_000);
});
