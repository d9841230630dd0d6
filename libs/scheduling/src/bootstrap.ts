import { DynamicModule, INestApplicationContext } from '@nestjs/common';
import { EventStore } from '@tracker/event-store';
import { randomBytes } from 'node:crypto';
import { AppConfig, ConfigError, loadConfig } from '@tracker/platform';
import { ensureRedis, PrivateRedis, RedisUnavailableError } from './redis';
import { WorkerRuntime } from './worker-runtime';
import { loadWorkerConfig, RunMode, WorkerConfig } from './worker.config';
import { withWorker } from './worker.module';

/** How a start command brings up the schedulers around the application. */
export interface Scheduling {
  extend(module: DynamicModule): DynamicModule;
  /** After the read models are folded: the worker, unless RUN_MODE=api. */
  start(app: INestApplicationContext): Promise<void>;
  /** Stops taking jobs and lets the active ones finish. */
  stop(app: INestApplicationContext): Promise<void>;
  /** After everything else closed: stops the private redis-server, if one was started. */
  release(): Promise<void>;
}

/** Redis must answer before anything starts; see ensureRedis for the private fallback. */
export async function prepareScheduling(appConfig: AppConfig, config: WorkerConfig): Promise<Scheduling> {
  const privateRedis: PrivateRedis | null = await ensureRedis(config.redisUrl, appConfig.dataDir);
  const runsWorker = config.runMode !== 'api';
  return {
    extend: (module) => withWorker(module, config),
    async start(app) {
      if (runsWorker) await app.get(WorkerRuntime).start();
    },
    async stop(app) {
      if (runsWorker) await app.get(WorkerRuntime).stop();
    },
    release: async () => privateRedis?.stop(),
  };
}

/** Both configurations, or exit 78 (EX_CONFIG) naming every problem: restarting would not help. */
export function loadConfigsOrExit(
  env: NodeJS.ProcessEnv,
  runMode?: RunMode,
): { config: AppConfig; workerConfig: WorkerConfig } {
  try {
    const config = loadConfig(env, () => randomBytes(32).toString('hex'), {
      servesHttp: (runMode ?? env.RUN_MODE) !== 'worker',
    });
    const workerConfig = loadWorkerConfig(env, config);
    return { config, workerConfig: runMode ? { ...workerConfig, runMode } : workerConfig };
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
}

/** prepareScheduling, or exit 69 (EX_UNAVAILABLE) saying what to do about Redis. */
export async function prepareSchedulingOrExit(
  config: AppConfig,
  workerConfig: WorkerConfig,
): Promise<Scheduling> {
  try {
    return await prepareScheduling(config, workerConfig);
  } catch (error) {
    if (error instanceof RedisUnavailableError) {
      console.error(error.message);
      process.exit(69);
    }
    throw error;
  }
}

/**
 * SIGTERM/SIGINT: stop taking jobs and let the active ones finish, close the application (HTTP,
 * read models), then the store so SQLite checkpoints its WAL, then a private redis-server.
 */
export function closeOnSignals(
  app: INestApplicationContext,
  store: EventStore,
  scheduling: Scheduling,
): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void (async () => {
        // Each step runs even if an earlier one failed: the store must still close cleanly.
        const steps = [
          () => scheduling.stop(app),
          () => app.close(),
          () => store.close(),
          () => scheduling.release(),
        ];
        let clean = true;
        for (const step of steps) {
          try {
            await step();
          } catch (error) {
            clean = false;
            console.error(`Shutdown step failed: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
        process.exit(clean ? 0 : 1);
      })();
    });
  }
}
