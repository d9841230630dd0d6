import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { SqliteEventStore } from '@tracker/event-store';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';
import { SystemClock } from './infrastructure/clock';
import { printBanner } from './bootstrap/banner';
// Schedulers (BullMQ): RUN_MODE=all runs the worker in this process too.
import { prepareScheduling } from '../../worker/src/bootstrap';
import { RedisUnavailableError } from '../../worker/src/redis';
import { loadWorkerConfig } from '../../worker/src/worker.config';

async function main() {
  let config;
  let workerConfig;
  try {
    config = loadConfig(process.env, () => randomBytes(32).toString('hex'));
    workerConfig = loadWorkerConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  let scheduling;
  try {
    scheduling = await prepareScheduling(config, workerConfig);
  } catch (error) {
    if (error instanceof RedisUnavailableError) {
      console.error(error.message);
      process.exit(69); // EX_UNAVAILABLE
    }
    throw error;
  }
  const store = SqliteEventStore.open(join(config.dataDir, 'events.sqlite'));
  const { app, demoLogins } = await createApp(
    { config, store, clock: new SystemClock() },
    scheduling.extend,
    scheduling.configure,
  );
  await scheduling.start(app);
  // Stop taking requests, let the read models unsubscribe, then close the store so SQLite
  // checkpoints its WAL into events.sqlite.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void scheduling
        .stop(app)
        .then(() => app.close())
        .then(() => store.close())
        .then(() => scheduling.release())
        .finally(() => process.exit(0));
    });
  }
  await app.listen(config.port);
  printBanner(config, await app.getUrl(), demoLogins);
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
