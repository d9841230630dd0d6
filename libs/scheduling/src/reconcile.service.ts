import { Injectable, Logger } from '@nestjs/common';
import { PlannedAlert } from '@tracker/domain';
import { ReadModels } from '@tracker/read-models';
import { AlertRecorder } from './alert-recorder';
import { AlertScheduler } from './alert-scheduler';

export interface ReconcileReport {
  measures: number;
  recorded: number;
}

const PARALLEL_RECORDS = 16;

/**
 * The daily sweep (and the start-up catch-up): every alert the read model says should exist
 * and is due is recorded if missing; every future one gets its delayed job back. So a lost
 * Redis, or a worker down across a deadline, delays an alert until the sweep, never loses it.
 */
@Injectable()
export class ReconcileService {
  private readonly logger = new Logger(ReconcileService.name);

  constructor(
    private readonly readModels: ReadModels,
    private readonly scheduler: AlertScheduler,
    private readonly recorder: AlertRecorder,
  ) {}

  async reconcile(cause: string): Promise<ReconcileReport> {
    const { catalogue } = this.readModels;
    const measures = catalogue
      .listCampaigns()
      .flatMap((c) => catalogue.problemsOf(c))
      .flatMap((p) => catalogue.measuresOf(p));
    const due: PlannedAlert[] = [];
    for (const m of measures)
      due.push(...(await this.scheduler.arm(m.state, { replace: false, enqueueDue: false })));
    await this.scheduler.flush();
    let recorded = 0;
    for (let i = 0; i < due.length; i += PARALLEL_RECORDS) {
      // One failed record must not stop the sweep: the rest are still due, the next sweep retries it.
      const results = await Promise.allSettled(
        due
          .slice(i, i + PARALLEL_RECORDS)
          .map(({ fireAt: _f, ...alert }) => this.recorder.record(alert, cause)),
      );
      for (const result of results) {
        if (result.status === 'fulfilled') recorded += result.value ? 1 : 0;
        else this.logger.error(`Reconcile could not record an alert: ${String(result.reason)}`);
      }
    }
    if (recorded > 0) this.logger.warn(`Reconcile recorded ${recorded} alert(s) that no job had fired`);
    return { measures: measures.length, recorded };
  }
}
