import 'reflect-metadata';
import { createApp } from './app.factory';
import { SystemClock } from './infrastructure/clock';
import { openEventStoreOrExit } from './infrastructure/open-event-store';
import { printBanner } from './bootstrap/banner';
// Schedulers (BullMQ): RUN_MODE=all runs the worker in this process too.
import { closeOnSignals, loadConfigsOrExit, prepareSchedulingOrExit } from '../../worker/src/bootstrap';

async function main() {
  const { config, workerConfig } = loadConfigsOrExit(process.env);
  const scheduling = await prepareSchedulingOrExit(config, workerConfig);
  const store = await openEventStoreOrExit(config);
  const { app, demoLogins } = await createApp(
    { config, store, clock: new SystemClock() },
    scheduling.extend,
    scheduling.configure,
  );
  // Before the first sweep, which can be long: a SIGTERM during it still closes the store.
  closeOnSignals(app, store, scheduling);
  await scheduling.start(app);
  await app.listen(config.port);
  printBanner(config, await app.getUrl(), demoLogins);
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
