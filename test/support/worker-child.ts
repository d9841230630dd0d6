// A worker process of its own, on the scaled clock of the test that spawned it, so the test can
// SIGKILL it mid-run and start another. Run with `node -r test/support/ts-register.js`.
import 'reflect-metadata';
import { ScaledClock, startWorkerApp, workerConfig } from './worker-harness';

async function main() {
  const env = process.env;
  const clock = new ScaledClock(
    new Date(Number(env.CLOCK_ORIGIN)),
    Number(env.CLOCK_SPEED),
    Number(env.CLOCK_STARTED_AT),
  );
  const worker = await startWorkerApp(
    clock,
    { ...workerConfig(env.REDIS_URL as string), queuePrefix: env.QUEUE_PREFIX as string },
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
