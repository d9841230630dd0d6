import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { Anchorer } from '@tracker/audit';
import { CourtCalendar } from '@tracker/command-path';
import { SYSTEM_ACTOR } from '@tracker/domain';
import { BulletinService } from './bulletin.service';
import { QUEUES, SCHEDULERS } from './queues';
import { ReconcileService } from './reconcile.service';

/** Runs what the job schedulers produce: the daily reconcile, the periodic bulletin and the daily audit anchor. */
// Started by WorkerRuntime once the read models are folded.
@Processor(QUEUES.maintenance, { concurrency: 1, autorun: false })
export class MaintenanceProcessor extends WorkerHost {
  constructor(
    private readonly reconcile: ReconcileService,
    private readonly bulletins: BulletinService,
    private readonly anchorer: Anchorer,
    private readonly calendar: CourtCalendar,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case SCHEDULERS.reconcile:
        return this.reconcile.reconcile(`job-${job.id}`);
      case SCHEDULERS.bulletin:
        return this.bulletins.issue();
      case SCHEDULERS.anchor: {
        // One scheduled anchor a court day, however often the job is retried.
        const today = this.calendar.today();
        const { anchor } = await this.anchorer.anchor({
          trigger: 'schedule',
          actor: { userId: SYSTEM_ACTOR.userId, role: SYSTEM_ACTOR.role },
          correlationId: `anchor-${today}`,
          idempotencyKey: `schedule-${today}`,
        });
        return anchor.statement.anchorId;
      }
      default:
        throw new Error(`Unknown maintenance job ${job.name}`);
    }
  }
}
