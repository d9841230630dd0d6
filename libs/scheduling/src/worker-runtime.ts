import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { CourtCalendar } from '@tracker/command-path';
import { AlertProcessor } from './alert.processor';
import { AlertScheduler } from './alert-scheduler';
import { LookBackScheduler } from './look-back-scheduler';
import { LookBackProcessor } from './look-back.processor';
import { MaintenanceProcessor } from './maintenance.processor';
import { NoticeIssuer } from './notice-issuer';
import { QUEUES, SCHEDULERS } from './queues';
import { ReconcileService } from './reconcile.service';
import { WebhookProcessor } from './webhook.processor';
import { WORKER_CONFIG, WorkerConfig } from './worker.config';

/** Starts the worker once the read models are folded, and stops it before they close. */
@Injectable()
export class WorkerRuntime {
  private readonly logger = new Logger(WorkerRuntime.name);

  constructor(
    private readonly scheduler: AlertScheduler,
    private readonly reconciler: ReconcileService,
    private readonly calendar: CourtCalendar,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @InjectQueue(QUEUES.maintenance) private readonly maintenance: Queue,
    private readonly alerts: AlertProcessor,
    private readonly maintenanceJobs: MaintenanceProcessor,
    private readonly webhooks: WebhookProcessor,
    private readonly lookBacks: LookBackScheduler,
    private readonly lookBackJobs: LookBackProcessor,
    private readonly notices: NoticeIssuer,
  ) {}

  private get hosts() {
    return [this.alerts, this.maintenanceJobs, this.webhooks, this.lookBackJobs];
  }

  async start(): Promise<void> {
    // Follow from here before sweeping, so nothing written during the sweep is missed.
    this.scheduler.follow();
    this.lookBacks.follow();
    for (const host of this.hosts) {
      // E.g. a job whose key vanished with a lost Redis: BullMQ goes on; say it in the log, at its level.
      host.worker.on('error', (error) => this.logger.warn(`${host.worker.name}: ${String(error)}`));
      host.worker.run().catch((error) => this.logger.error(`Worker stopped: ${String(error)}`));
    }
    // Its own cause: workers sharing a Redis each start with a sweep, and the marker tells their alerts apart by it.
    const report = await this.reconciler.reconcile(`start-${randomUUID()}`, { atStart: true });
    // Created once whatever the number of workers: upsert keeps one scheduler per id.
    const tz = this.calendar.timeZone;
    await this.maintenance.upsertJobScheduler(
      SCHEDULERS.reconcile,
      { pattern: this.config.reconcileCron, tz },
      { name: SCHEDULERS.reconcile },
    );
    await this.maintenance.upsertJobScheduler(
      SCHEDULERS.bulletin,
      { pattern: this.config.bulletinCron, tz },
      { name: SCHEDULERS.bulletin },
    );
    await this.maintenance.upsertJobScheduler(
      SCHEDULERS.anchor,
      { pattern: this.config.anchorCron, tz },
      { name: SCHEDULERS.anchor },
    );
    this.logger.log(
      `Worker started: ${report.measures} measures swept, ${report.armed} armed again, ${report.recorded} missed alert(s) recorded`,
    );
  }

  /**
   * Stops taking jobs and waits for the active ones and the notices they started, before the
   * store and read models close.
   */
  async stop(): Promise<void> {
    await Promise.all(this.hosts.map((host) => host.worker.close()));
    await this.notices.settled();
  }
}
