import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { auditProviders, CoreDependencies, coreProviders } from '@tracker/platform';
import { AlertRecorder } from './alert-recorder';
import { CourtAlertSettings } from './alert-settings';
import { AlertScheduler } from './alert-scheduler';
import { ArmedMarker } from './armed-marker';
import { AlertProcessor } from './alert.processor';
import { BulletinService } from './bulletin.service';
import { LookBackRecorder } from './look-back-recorder';
import { LookBackScheduler } from './look-back-scheduler';
import { CourtLookBackSettings } from './look-back-settings';
import { LookBackProcessor } from './look-back.processor';
import { MaintenanceProcessor } from './maintenance.processor';
import { NoticeIssuer } from './notice-issuer';
import { QUEUES } from './queues';
import { ReconcileService } from './reconcile.service';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookProcessor } from './webhook.processor';
import { WorkerRuntime } from './worker-runtime';
import { WORKER_CONFIG, WorkerConfig } from './worker.config';

/** The queues alone: what the API needs for bull-board. */
function queueImports(config: WorkerConfig) {
  return [
    BullModule.forRoot({
      connection: { url: config.redisUrl, maxRetriesPerRequest: null },
      prefix: config.queuePrefix,
    }),
    BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name }))),
  ];
}

/**
 * Adds the worker to the application module: the same store, clock, read models and writer
 * as the API, so `npm start` runs both in one process and `RUN_MODE=worker` runs it alone.
 */
export function withWorker(base: DynamicModule, config: WorkerConfig): DynamicModule {
  const processors =
    config.runMode === 'api'
      ? []
      : [
          CourtAlertSettings,
          NoticeIssuer,
          AlertRecorder,
          AlertScheduler,
          ArmedMarker,
          ReconcileService,
          BulletinService,
          AlertProcessor,
          MaintenanceProcessor,
          WebhookDispatcher,
          WebhookProcessor,
          WorkerRuntime,
          CourtLookBackSettings,
          LookBackRecorder,
          LookBackScheduler,
          LookBackProcessor,
        ];
  return {
    ...base,
    imports: [...(base.imports ?? []), ...queueImports(config)],
    providers: [...(base.providers ?? []), { provide: WORKER_CONFIG, useValue: config }, ...processors],
  };
}

/** The worker process alone: the core and the schedulers, no HTTP, no tokens. */
@Module({})
export class WorkerModule {
  static create(deps: CoreDependencies, config: WorkerConfig): DynamicModule {
    return withWorker(
      { module: WorkerModule, providers: [...coreProviders(deps, 'worker'), ...auditProviders(deps.config)] },
      config,
    );
  }
}
