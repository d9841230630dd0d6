import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import {
  AssignedMeasure,
  MeasureUrged,
  PlannedAlert,
  STREAM_PREFIX,
  unrecordedAlerts,
} from '@tracker/domain';
import { EventStore, Subscription } from '@tracker/event-store';
import { Queue } from 'bullmq';
import { Clock } from '@tracker/command-path';
import { EVENT_STORE } from '@tracker/event-store';
import { CatalogueView, DirectoryView, ReadModels } from '@tracker/read-models';
import { urgePush } from './pushes';
import { WebhookDispatcher } from './webhook-dispatcher';
import { CourtAlertSettings } from './alert-settings';
import { alertJobId, QUEUES } from './queues';

/**
 * A failed job keeps its id, and BullMQ ignores a re-add of an existing id, so a job that failed
 * once would block re-arming until the daily reconcile: retry it instead (recording is idempotent).
 */
const ALERT_JOB_OPTIONS = {
  removeOnComplete: true,
  removeOnFail: 1_000,
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
} as const;

/** Events that change which alerts a measure calls for. */
export const ALERT_PLAN_CHANGES: ReadonlySet<string> = new Set([
  'MeasureAssigned',
  'ProgressReported',
  'ExtensionApproved',
  'MeasureSignedOff',
  'MeasureReopened',
  'MeasureCancelled',
]);

const BULK = 1_000;
/** Bulk adds in flight at once: the next batch is planned and serialised while Redis runs the last. */
const LANES = 2;

/**
 * Which alert, and when it was due: the recorder records it as the measure's plan has it when the
 * job fires (the step, its recipients, its notice), so the job carries no copy that could go stale.
 */
export interface AlertJobData {
  alert: Pick<PlannedAlert, 'measureId' | 'alertId' | 'dueAt'>;
}

/**
 * The scheduling projection: follows the store's feed and keeps one delayed job per planned,
 * not yet recorded alert, with a deterministic id (measure, deadline version, level), so
 * arming twice — by two workers, or by the reconcile after Redis was lost — adds one job.
 */
@Injectable()
export class AlertScheduler implements OnModuleDestroy {
  private readonly logger = new Logger(AlertScheduler.name);
  private subscription: Subscription | null = null;
  /** Job ids this process armed per measure, to remove the ones a change makes obsolete. */
  private readonly armed = new Map<string, Set<string>>();
  private pending: { name: string; data: AlertJobData; opts: { jobId: string; delay: number } }[] = [];
  /** Bulk adds sent and not yet answered (at most LANES); none rejects, a failure is kept in `failure`. */
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown = null;
  private flushScheduled = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @InjectQueue(QUEUES.alerts) private readonly queue: Queue<AlertJobData>,
    private readonly readModels: ReadModels,
    private readonly catalogue: CatalogueView,
    private readonly settings: CourtAlertSettings,
    private readonly clock: Clock,
    private readonly pushes: WebhookDispatcher,
    // Not in a worker-only process (its read models are the scheduling set): names fall back to ids.
    @Optional() @Inject(DirectoryView) private readonly directory: DirectoryView | null,
  ) {}

  /** Follows the feed from the read models' checkpoint: everything before it is the reconcile's. */
  follow(): void {
    this.subscription = this.store.subscribeToAll(
      { after: this.readModels.checkpoint, filter: { streamPrefixes: [STREAM_PREFIX.measure] } },
      async (event) => {
        if (event.type === 'MeasureUrged')
          return this.pushUrging(event.data as MeasureUrged['data'], event.position);
        if (!ALERT_PLAN_CHANGES.has(event.type)) return;
        await this.readModels.catchUp(event.position);
        const record = this.catalogue.measure(event.streamName.slice(STREAM_PREFIX.measure.length));
        // An alert already due (a reopening past its date) goes through a job at once like the rest.
        if (record) await this.arm(record.state, { replace: true, enqueueDue: true });
        // Not awaited: events arriving meanwhile join the next bulk add instead of waiting in turn.
        this.flushSoon();
      },
      (error) => this.logger.error(`Alert scheduling stopped: ${String(error)}`),
    );
  }

  /**
   * 催办 is pushed as the worker follows the feed, not by the API, so a command never waits for
   * Redis; keyed on the urging, a second pass (another worker) queues it once.
   */
  private async pushUrging(urging: MeasureUrged['data'], position: bigint): Promise<void> {
    if (!this.pushes.enabled) return;
    await this.readModels.catchUp(position);
    const measure = this.catalogue.measure(urging.measureId)?.state ?? null;
    await this.pushes
      .dispatch(
        `${urging.measureId}-urge-${urging.urgeId}`,
        urgePush(
          urging,
          measure,
          {
            department: measure ? (this.directory?.department(measure.departmentId)?.name ?? null) : null,
            leader: this.directory?.user(urging.urgedBy)?.displayName ?? null,
          },
          this.pushes.publicBaseUrl,
        ),
      )
      .catch((error) => this.logger.error(`Queuing the push of an urging failed: ${String(error)}`));
  }

  /**
   * Queues a job for each future alert the measure calls for and returns the alerts already
   * due, which the caller records unless `enqueueDue`. With `replace`, jobs this process armed
   * earlier and no longer planned (extension, sign-off, cancellation) are removed. With
   * `jobsStand` (an earlier sweep armed this plan and Redis still holds it), no job is sent.
   */
  async arm(
    measure: AssignedMeasure,
    options: { replace: boolean; enqueueDue: boolean; jobsStand?: boolean },
  ): Promise<PlannedAlert[]> {
    const planned = unrecordedAlerts(measure, this.settings);
    const jobIds = new Set(planned.map((a) => alertJobId(a.measureId, a.alertId)));
    if (options.replace) {
      const obsolete = [...(this.armed.get(measure.measureId) ?? [])].filter((id) => !jobIds.has(id));
      // A job that is running cannot be removed; it finds nothing to record.
      await Promise.all(obsolete.map((id) => this.queue.remove(id).catch(() => 0)));
    }
    if (jobIds.size > 0) this.armed.set(measure.measureId, jobIds);
    else this.armed.delete(measure.measureId);
    const due: PlannedAlert[] = [];
    for (const alert of planned) {
      const delay = this.clock.msUntil(alert.fireAt);
      if (delay <= 0 && !options.enqueueDue) {
        due.push(alert);
        continue;
      }
      if (options.jobsStand) continue;
      this.pending.push({
        name: alert.level,
        data: { alert: { measureId: alert.measureId, alertId: alert.alertId, dueAt: alert.dueAt } },
        opts: { jobId: alertJobId(alert.measureId, alert.alertId), delay: Math.max(0, Math.round(delay)) },
      });
    }
    // A sweep arming many measures sends each full batch as it fills, so Redis adds one while the
    // next is planned, and the jobs waiting here stay few (kept long, they were most of the GC's work).
    while (this.pending.length >= BULK) await this.send(this.pending.splice(0, BULK));
    return due;
  }

  private flushSoon(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      // A failed add leaves the alert to the reconcile, which re-arms everything missing.
      this.flush().catch((error) => this.logger.error(`Arming alert jobs failed: ${String(error)}`));
    });
  }

  /** Adds every job armed so far, in bulk: one round trip for many measures. */
  async flush(): Promise<void> {
    while (this.pending.length > 0) await this.send(this.pending.splice(0, BULK));
    await Promise.all(this.inFlight);
    const failure = this.failure;
    this.failure = null;
    if (failure !== null) throw failure;
  }

  /** Sends one bulk add once fewer than LANES are in flight; resolves when it is sent, not answered. */
  private async send(batch: typeof this.pending): Promise<void> {
    while (this.inFlight.size >= LANES) await Promise.race(this.inFlight);
    const added: Promise<void> = this.queue
      .addBulk(batch.map((j) => ({ ...j, opts: { ...j.opts, ...ALERT_JOB_OPTIONS } })))
      .then(
        () => undefined,
        (error: unknown) => {
          // Reported by the next flush; the reconcile re-arms whatever is missing.
          this.failure ??= error;
        },
      )
      .finally(() => this.inFlight.delete(added));
    this.inFlight.add(added);
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.stop();
    await this.flush().catch(() => undefined);
  }
}
