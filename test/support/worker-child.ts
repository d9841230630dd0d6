// A worker process of its own, on the scaled clock of the test that spawned it, so the test can
// SIGKILL it mid-run and start another. Run with `node -r test/support/ts-register.js`.
import 'reflect-metadata';
import { readLadder } from '@tracker/platform';
import { ScaledClock, startWorkerApp, workerConfig } from './worker-harness';

async function main() {
  const env = process.env;
  const clock = new ScaledClock(
    new Date(Number(env.CLOCK_ORIGIN)),
    Number(env.CLOCK_SPEED),
    Number(env.CLOCK_STARTED_AT),
  );
  // The court's ladder file, read and checked as a start-up reads it.
  const problems: string[] = [];
  const ladder = readLadder(env.SUPERVISION_LADDER_FILE, 3, 30, problems);
  if (problems.length > 0) throw new Error(problems.join('; '));
  const worker = await startWorkerApp(
    clock,
    { ...workerConfig(env.REDIS_URL as string), queuePrefix: env.QUEUE_PREFIX as string, ladder },
    env.DATA_DIR,
    { keepQueues: true },
  );
  process.once('SIGTERM', () => {
    void worker.close().finally(() => process.exit(0));
  });
  console.log('worker ready');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
