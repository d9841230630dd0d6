import { Injectable, Logger } from '@nestjs/common';
import { PlannedAlert } from '@tracker/domain';
import { CatalogueView, ReadModels } from '@tracker/read-models';
import { AlertRecorder } from './alert-recorder';
import { ArmedMarker } from './armed-marker';
import { AlertScheduler } from './alert-scheduler';
import { LookBackScheduler } from './look-back-scheduler';
import { NoticeIssuer } from './notice-issuer';
import { recordInTurn } from './record-in-turn';

export interface ReconcileReport {
  /** Measures swept (at a start, only those touched since the last complete sweep). */
  measures: number;
  /** Measures whose jobs were sent to Redis again (at a start, only those changed since the last sweep). */
  armed: number;
  recorded: number;
  /** 回头看 reminders due that no job had recorded. */
  lookBacksRecorded?: number;
}

/**
 * The daily sweep (and the start-up catch-up): every alert the read model says should exist
 * and is due is recorded if missing; every future one gets its delayed job back. So a lost
 * Redis, or a worker down across a deadline, delays an alert until the sweep, never loses it.
 */
@Injectable()
export class ReconcileService {
  private readonly logger = new Logger(ReconcileService.name);

  constructor(
    private readonly catalogue: CatalogueView,
    private readonly scheduler: AlertScheduler,
    private readonly recorder: AlertRecorder,
    private readonly notices: NoticeIssuer,
    private readonly lookBacks: LookBackScheduler,
    private readonly readModels: ReadModels,
    private readonly marker: ArmedMarker,
  ) {}

  /**
   * At a start (`atStart`) after a complete sweep in this Redis (see ArmedMarker), only the
   * measures touched since are swept, and only those whose plan changed get their jobs again:
   * every other measure's jobs stand in Redis and fire for what fell due meanwhile. Every other
   * sweep goes through every measure and sends every job again.
   */
  async reconcile(cause: string, options: { atStart?: boolean } = {}): Promise<ReconcileReport> {
    const { catalogue } = this;
    // The position the catalogue's states stand at: what this sweep arms, and marks when done.
    const through = this.readModels.checkpoint;
    const since = options.atStart ? await this.marker.since(through) : null;
    const jobsStand = (measureId: string) => since !== null && !since.plansChanged.has(measureId);
    const measures =
      since === null
        ? catalogue
            .listCampaigns()
            .flatMap((c) => catalogue.problemsOf(c))
            .flatMap((p) => catalogue.measuresOf(p))
        : [...since.touched].flatMap((id) => catalogue.measure(id) ?? []);
    let failures = 0;
    // Grouped by measure: its alerts share one stream, and recorded side by side they would
    // collide on its revision (each loser left for the next day's sweep).
    const dueByMeasure: PlannedAlert[][] = [];
    let armed = 0;
    for (const m of measures) {
      const stand = jobsStand(m.state.measureId);
      if (!stand) armed++;
      const due = await this.scheduler.arm(m.state, { replace: false, enqueueDue: false, jobsStand: stand });
      if (due.length > 0) dueByMeasure.push(due);
    }
    await this.scheduler.flush();
    const swept = await recordInTurn(
      dueByMeasure,
      ({ fireAt: _f, ...alert }) => this.recorder.record(alert, cause),
      (error) => this.logger.error(`Reconcile could not record an alert: ${String(error)}`),
    );
    const { recorded, position: lastRecorded } = swept;
    failures += swept.failed;
    if (recorded > 0) this.logger.warn(`Reconcile recorded ${recorded} alert(s) that no job had fired`);
    // The states again, with the alerts just recorded: the position read with them bounds the
    // alerts whose notices this sweep vouches for (a wait that runs out leaves the rest to the next start).
    if (lastRecorded !== null) await this.readModels.catchUp(lastRecorded);
    const states = measures.map((m) => catalogue.measure(m.state.measureId)?.state ?? m.state);
    const sweptTo = this.readModels.checkpoint;
    // All at once: the missing notices of many measures are numbered together, in shared appends.
    await Promise.all(
      states.map((state) =>
        this.notices.catchUp(state).catch((error) => {
          failures++;
          this.logger.error(`Reconcile could not issue a notice: ${String(error)}`);
        }),
      ),
    );
    const lookBacks = await this.lookBacks.reconcile(states, cause, jobsStand);
    failures += lookBacks.failed;
    // Only once both schedulers' jobs are sent (a failed send threw above) and nothing due is left
    // unrecorded: the next start trusts it, and sweeps only what was touched after it.
    if (failures === 0) await this.marker.mark(through, { sweptTo, cause });
    const lookBacksRecorded = lookBacks.recorded;
    return { measures: measures.length, armed, recorded, lookBacksRecorded };
  }
}
