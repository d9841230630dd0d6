import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHistory } from './support/province-history';
import { removeRedisKeys } from './support/test-app';
import {
  ensureBuilt,
  killAllServers,
  serverEnv,
  ServerProcess,
  spawnServer,
  waitForStdout,
  WORKER_JS,
  writeAuditKey,
} from './support/server-process';

/** Which projections a read-model file holds checkpoints for. */
function projectionsIn(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare<[], { projection: string }>('SELECT projection FROM checkpoints ORDER BY projection')
      .all()
      .map((r) => r.projection);
  } finally {
    db.close();
  }
}

/**
 * `npm run start:worker` as production runs it beside the API: RUN_MODE=worker, NODE_ENV=production,
 * no JWT_SECRET, on a data directory whose history has deadlines long past.
 */
describe('the worker process alone', () => {
  let dataDir: string;
  // One Redis namespace for every start, as a deployment restarts against the same Redis.
  const queuePrefix = `e2e-worker-${process.pid}-${Date.now()}`;
  const start = (): ServerProcess =>
    spawnServer(
      serverEnv({
        DATA_DIR: dataDir,
        RUN_MODE: 'worker',
        NODE_ENV: 'production',
        LOG_LEVEL: 'log',
        AUDIT_KEY_FILE: writeAuditKey(dataDir),
        QUEUE_PREFIX: queuePrefix,
      }),
      WORKER_JS,
    );

  beforeAll(async () => {
    await ensureBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'tracker-worker-'));
    await writeHistory(join(dataDir, 'events.sqlite'), {
      campaigns: 2,
      problemsPerCampaign: 3,
      measuresPerProblem: 4,
      seed: 5,
    });
  }, 150_000);
  afterAll(async () => {
    await killAllServers();
    await removeRedisKeys(queuePrefix);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts without JWT_SECRET, keeps only the read models scheduling needs, and resumes them on restart', async () => {
    const first = start();
    await waitForStdout(first, 'Worker started', 60_000);
    // A Redis that never saw a sweep: every measure's jobs are sent.
    expect(first.stdout()).toMatch(/Worker started: 24 measures swept, 24 armed again/);
    // The start-up sweep recorded the missed alerts in this same start, none lost to a write conflict.
    expect(first.stdout()).toMatch(/Reconcile recorded \d+ alert\(s\) that no job had fired/);
    expect(first.stderr()).not.toMatch(/could not record|WriteConflict|ConcurrencyError/);
    expect(await first.kill('SIGTERM')).toEqual({ code: 0, signal: null });

    expect(existsSync(join(dataDir, 'read-models.sqlite'))).toBe(false);
    expect(projectionsIn(join(dataDir, 'read-models.worker.sqlite'))).toEqual([
      'catalogue',
      'issued_notices',
      'measures',
    ]);

    const second = start();
    await waitForStdout(second, 'Worker started', 60_000);
    expect(second.stdout()).toMatch(/Read models resumed: 0 event\(s\) applied at start/);
    // Everything missed was recorded by the first start: nothing left for the second.
    expect(second.stdout()).not.toMatch(/Reconcile recorded/);
    // No plan changed since the first sweep, whose jobs Redis still holds, and the alerts it recorded
    // had their 督办单 checked by it: no measure is swept, no job sent again.
    expect(second.stdout()).toMatch(/Worker started: 0 measures swept, 0 armed again/);
    await second.kill('SIGTERM');

    // Nothing touched since the second sweep: a restart sweeps no measure, the standing jobs fire.
    const quiet = start();
    await waitForStdout(quiet, 'Worker started', 60_000);
    expect(quiet.stdout()).toMatch(/Worker started: 0 measures swept, 0 armed again/);
    await quiet.kill('SIGTERM');

    // Redis lost (its jobs and the sweep's marker with them): every measure is armed again.
    await removeRedisKeys(queuePrefix);
    const third = start();
    await waitForStdout(third, 'Worker started', 60_000);
    expect(third.stdout()).toMatch(/Worker started: 24 measures swept, 24 armed again/);
    await third.kill('SIGTERM');
  }, 120_000);
});
