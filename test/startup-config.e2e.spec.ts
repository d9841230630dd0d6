import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensureBuilt,
  freePort,
  JWT_SECRET,
  killAllServers,
  runUntilExit,
  RunResult,
} from './support/server-process';

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

  it('DEMO=true in production (demo passwords are public)', async () => {
    const result = await refuse({ NODE_ENV: 'production', DEMO: 'true', JWT_SECRET });
    expectRefused(result);
    expect(result.stderr).toMatch(/\bDEMO\b/);
    expect(result.stderr).toMatch(/production/);
  }, 15_000);
});
