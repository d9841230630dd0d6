import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import {
  AssignedMeasure,
  LookBackDue,
  PlannedLookBack,
  STREAM_PREFIX,
  unrecordedLookBacks,
} from '@tracker/domain';
import { EVENT_STORE, EventStore, Subscription } from '@tracker/event-store';
import { Queue } from 'bullmq';
import { Clock } from '@tracker/command-path';
import { CatalogueView, ReadModels } from '@tracker/read-models';
import { LookBackRecorder } from './look-back-recorder';
import { CourtLookBackSettings } from './look-back-settings';
import { lookBackJobId, QUEUES } from './queues';
import { recordInTurn } from './record-in-turn';

/** As the alert jobs: a failed job is retried (recording is idempotent), not left blocking its id. */
const LOOK_BACK_JOB_OPTIONS = {
  removeOnComplete: true,
  removeOnFail: 1_000,
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
} as const;

/** Events that change which reminders a measure calls for. */
/** Events that change which 回头看 reminders a measure calls for. */
export const LOOK_BACK_PLAN_CHANGES: ReadonlySet<string> = new Set([
  'MeasureSignedOff',
  'MeasureReopened',
  'MeasureCancelled',
  'LookBackConfirmed',
]);

export interface LookBackJobData {
  reminder: LookBackDue['data'];
}

/**
 * 回头看 scheduling: follows the store's feed and keeps one delayed job per planned, not yet
 * recorded reminder, with a deterministic id (measure, review id), so arming twice — by two workers,
 * or by the reconcile after Redis was lost — adds one job. The daily reconcile records what is due
 * and missing and re-arms the rest, so a reminder is delayed by a lost Redis or a stopped worker,
 * never lost, and recorded once whatever the redelivery (LookBackRecorder).
 */
@Injectable()
export class LookBackScheduler implements OnModuleDestroy {
  private readonly logger = new Logger(LookBackScheduler.name);
  private subscription: Subscription | null = null;
  /** Job ids this process armed per measure, to remove the ones a change makes obsolete. */
  private readonly armed = new Map<string, Set<string>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @InjectQueue(QUEUES.lookBacks) private readonly queue: Queue<LookBackJobData>,
    private readonly readModels: ReadModels,
    private readonly catalogue: CatalogueView,
    private readonly settings: CourtLookBackSettings,
    private readonly recorder: LookBackRecorder,
    private readonly clock: Clock,
  ) {}

  /** Follows the feed from the read models' checkpoint: everything before it is the reconcile's. */
  follow(): void {
    this.subscription = this.store.subscribeToAll(
      { after: this.readModels.checkpoint, filter: { streamPrefixes: [STREAM_PREFIX.measure] } },
      async (event) => {
        if (!LOOK_BACK_PLAN_CHANGES.has(event.type)) return;
        await this.readModels.catchUp(event.position);
        const record = this.catalogue.measure(event.streamName.slice(STREAM_PREFIX.measure.length));
        // A reminder already due (signed off long ago, by an import of history) goes through a job at once.
        if (record)
          await this.arm(record.state, { replace: true, enqueueDue: true }).catch((error) =>
            this.logger.error(`Arming look-back reminders failed: ${String(error)}`),
          );
      },
      (error) => this.logger.error(`Look-back scheduling stopped: ${String(error)}`),
    );
  }

  /**
   * Adds a job for each future reminder the measure calls for and returns those already due, which
   * the caller records unless `enqueueDue`. With `replace`, jobs this process armed earlier and no
   * longer planned (a reopening, a review) are removed.
   */
  async arm(
    measure: AssignedMeasure,
    options: { replace: boolean; enqueueDue: boolean; jobsStand?: boolean },
  ): Promise<PlannedLookBack[]> {
    const planned = unrecordedLookBacks(measure, this.settings);
    const jobIds = new Set(planned.map((p) => lookBackJobId(p.data.measureId, p.data.reviewId)));
    if (options.replace) {
      const obsolete = [...(this.armed.get(measure.measureId) ?? [])].filter((id) => !jobIds.has(id));
      // A job that is running cannot be removed; it finds nothing to record.
      await Promise.all(obsolete.map((id) => this.queue.remove(id).catch(() => 0)));
    }
    if (jobIds.size > 0) this.armed.set(measure.measureId, jobIds);
    else this.armed.delete(measure.measureId);
    const due: PlannedLookBack[] = [];
    const jobs = [];
    for (const reminder of planned) {
      const delay = this.clock.msUntil(reminder.fireAt);
      if (delay <= 0 && !options.enqueueDue) {
        due.push(reminder);
        continue;
      }
      if (options.jobsStand) continue;
      jobs.push({
        name: `m${reminder.data.months}`,
        data: { reminder: reminder.data },
        opts: {
          ...LOOK_BACK_JOB_OPTIONS,
          jobId: lookBackJobId(reminder.data.measureId, reminder.data.reviewId),
          delay: Math.max(0, Math.round(delay)),
        },
      });
    }
    // BullMQ ignores an add whose id already exists: arming twice adds one job.
    if (jobs.length > 0) await this.queue.addBulk(jobs);
    return due;
  }

  /**
   * The daily sweep's part (and the start-up catch-up): every measure's future reminders get their
   * job back, but those of measures `jobsStand` says Redis still holds; those due and not recorded
   * are recorded now. Returns how many were recorded, and how many could not be.
   */
  async reconcile(
    measures: readonly AssignedMeasure[],
    cause: string,
    jobsStand: (measureId: string) => boolean = () => false,
  ): Promise<{ recorded: number; failed: number }> {
    const dueByMeasure: PlannedLookBack[][] = [];
    for (const measure of measures) {
      if (measure.status !== 'signed_off') continue;
      const due = await this.arm(measure, {
        replace: false,
        enqueueDue: false,
        jobsStand: jobsStand(measure.measureId),
      });
      if (due.length > 0) dueByMeasure.push(due);
    }
    const total = await recordInTurn(
      dueByMeasure,
      async ({ data }) => ({ recorded: (await this.recorder.record(data, cause)) ? 1 : 0, position: null }),
      (error) => this.logger.error(`Reconcile could not record a look-back reminder: ${String(error)}`),
    );
    if (total.recorded > 0)
      this.logger.warn(`Reconcile recorded ${total.recorded} look-back reminder(s) that no job had fired`);
    return total;
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.stop();
  }
}
