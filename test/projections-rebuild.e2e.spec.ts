import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensureBuilt,
  JWT_SECRET,
  killAllServers,
  ROOT,
  serverEnv,
  startServer,
} from './support/server-process';

const REBUILD_JS = join(ROOT, 'dist', 'apps', 'api', 'src', 'cli', 'rebuild-projections.js');

/** `npm run projections:rebuild` without the build step: the built CLI, as the script runs it. */
function rebuild(dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['-r', 'tsconfig-paths/register', REBUILD_JS], {
    cwd: ROOT,
    env: serverEnv({ DATA_DIR: dataDir, JWT_SECRET }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

describe('npm run projections:rebuild beside a running API', () => {
  let dataDir: string;

  beforeAll(async () => {
    await ensureBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'tracker-rebuild-'));
  }, 150_000);
  afterAll(async () => {
    await killAllServers();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses while an API serves the data directory, naming its pid, and rebuilds once it is gone', async () => {
    const server = await startServer({ DATA_DIR: dataDir, JWT_SECRET, DEMO: 'true', LOG_LEVEL: 'warn' });

    const refused = await rebuild(dataDir);
    expect(refused.code).toBe(75);
    expect(refused.stderr).toContain('Refusing to rebuild');
    expect(refused.stderr).toContain(String(server.child.pid));

    // Killed outright: its mark is left behind, and recognised as stale.
    await server.kill('SIGKILL');
    const rebuilt = await rebuild(dataDir);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toMatch(/Rebuilt every read model of the api .* from \d+ events/);
  }, 120_000);
});
