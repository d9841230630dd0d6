import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { BulletinService } from './bulletin.service';
import { QUEUES, SCHEDULERS } from './queues';
import { ReconcileService } from './reconcile.service';

/** Runs what the job schedulers produce: the daily reconcile and the periodic bulletin. */
// Started by WorkerRuntime once the read models are folded.
@Processor(QUEUES.maintenance, { concurrency: 1, autorun: false })
export class MaintenanceProcessor extends WorkerHost {
  constructor(
    private readonly reconcile: ReconcileService,
    private readonly bulletins: BulletinService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case SCHEDULERS.reconcile:
        return this.reconcile.reconcile(`job-${job.id}`);
      case SCHEDULERS.bulletin:
        return this.bulletins.issue();
      default:
        throw new Error(`Unknown maintenance job ${job.name}`);
    }
  }
}
