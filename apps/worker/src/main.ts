import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../api/src/app.module';
import { SystemClock } from '../../api/src/infrastructure/clock';
import { openEventStoreOrExit } from '../../api/src/infrastructure/open-event-store';
import { ReadModels } from '../../api/src/read-models/read-models.service';
import { closeOnSignals, loadConfigsOrExit, prepareSchedulingOrExit } from './bootstrap';

/** The worker alone (production runs several of them beside the API processes). */
async function main() {
  const { config, workerConfig } = loadConfigsOrExit(process.env, 'worker');
  const scheduling = await prepareSchedulingOrExit(config, workerConfig);
  const store = await openEventStoreOrExit(config);
  const clock = new SystemClock();
  const app = await NestFactory.createApplicationContext(
    scheduling.extend(AppModule.create({ config, store, clock })),
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
