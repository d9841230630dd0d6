import 'reflect-metadata';
import { join } from 'node:path';
import { SqliteEventStore } from '@tracker/event-store';
import { createApp } from './app.factory';
import { SystemClock } from './infrastructure/clock';
import { printBanner } from './bootstrap/banner';
// Schedulers (BullMQ): RUN_MODE=all runs the worker in this process too.
import { loadConfigsOrExit, prepareSchedulingOrExit } from '../../worker/src/bootstrap';

async function main() {
  const { config, workerConfig } = loadConfigsOrExit(process.env);
  const scheduling = await prepareSchedulingOrExit(config, workerConfig);
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
