import 'reflect-metadata';
import { createApp } from './app.factory';
import { SystemClock } from '@tracker/command-path';
import { openEventStoreOrExit } from '@tracker/platform';
import { mountBullBoard } from './admin/bull-board';
import { printBanner } from './bootstrap/banner';
// Schedulers (BullMQ): RUN_MODE=all runs the worker in this process too.
import { closeOnSignals, loadConfigsOrExit, prepareSchedulingOrExit } from '@tracker/scheduling';

async function main() {
  const { config, workerConfig } = loadConfigsOrExit(process.env);
  const scheduling = await prepareSchedulingOrExit(config, workerConfig);
  const store = await openEventStoreOrExit(config);
  const { app, demoLogins } = await createApp(
    { config, store, clock: new SystemClock() },
    scheduling.extend,
    mountBullBoard,
  );
  // Before the first sweep, which can be long: a SIGTERM during it still closes the store.
  closeOnSignals(app, store, scheduling);
  await scheduling.start(app);
  // HOST unset: every interface, so office PCs reach it over the court network.
  await (config.host === null ? app.listen(config.port) : app.listen(config.port, config.host));
  printBanner(config, await app.getUrl(), demoLogins);
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
