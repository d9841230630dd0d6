import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { SystemClock } from '@tracker/command-path';
import { openEventStoreOrExit } from '@tracker/platform';
import { ReadModels } from '@tracker/read-models';
import {
  closeOnSignals,
  loadConfigsOrExit,
  prepareSchedulingOrExit,
  WorkerModule,
} from '@tracker/scheduling';

/** The worker alone (production runs several of them beside the API processes). */
async function main() {
  const { config, workerConfig } = loadConfigsOrExit(process.env, 'worker');
  const scheduling = await prepareSchedulingOrExit(config, workerConfig);
  const store = await openEventStoreOrExit(config);
  const app = await NestFactory.createApplicationContext(
    WorkerModule.create({ config, store, clock: new SystemClock() }, workerConfig),
    { logger: ['fatal', 'error', 'warn', 'log'] },
  );
  await app.init();
  await app.get(ReadModels).start();
  // Before the first sweep, which can be long: a SIGTERM during it still closes the store.
  closeOnSignals(app, store, scheduling);
  await scheduling.start(app);
  console.log(
    `Worker started (queues under prefix "${workerConfig.queuePrefix}" at ${workerConfig.redisUrl})`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
