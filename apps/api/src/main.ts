import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { EventStore, EventStoreUnavailableError } from '@tracker/event-store';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';
import { SystemClock } from './infrastructure/clock';
import { openEventStore } from './infrastructure/open-event-store';
import { printBanner } from './bootstrap/banner';

async function main() {
  let config;
  try {
    config = loadConfig(process.env, () => randomBytes(32).toString('hex'));
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  let store: EventStore;
  try {
    store = await openEventStore(config);
  } catch (error) {
    if (error instanceof EventStoreUnavailableError) {
      console.error(error.message);
      process.exit(69); // EX_UNAVAILABLE
    }
    throw error;
  }
  const { app, demoLogins } = await createApp({ config, store, clock: new SystemClock() });
  // Stop taking requests, let the read models unsubscribe, then close the store so SQLite
  // checkpoints its WAL into events.sqlite.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void app
        .close()
        .then(() => store.close())
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
