import { rate } from '../shared/rate';
import { LightReading } from './light';
import { MeasureLine } from './measure-line';

/** The figures a wall-chart group (and the whole board) shows. Rates are 0–1, null when undefined. */
export interface BoardTotals {
  measures: number;
  signedOff: number;
  inProgress: number;
  dueSoon: number;
  overdue: number;
  extensionsGranted: number;
  /** 整改完成率: signed off / all measures. */
  completionRate: number | null;
  /** 按期完成率: signed off on or before the original deadline / signed off. */
  onTimeRate: number | null;
}

export type TotalsFacts = Pick<MeasureLine, 'status' | 'extensionsGranted' | 'onTime'>;

/** Totals counted one measure at a time (a court-wide board counts each group and the whole board in one pass). */
export class TotalsCounter {
  private measures = 0;
  private signedOff = 0;
  private onTime = 0;
  private dueSoon = 0;
  private overdue = 0;
  private extensionsGranted = 0;

  /** Counts a measure read against the date; a cancelled one is not counted. */
  add(line: TotalsFacts, reading: LightReading): void {
    this.count(line, reading, 1);
  }

  /** Takes back what `add` counted for this measure as it was read then (its line changed since). */
  remove(line: TotalsFacts, reading: LightReading): void {
    this.count(line, reading, -1);
  }

  private count(line: TotalsFacts, reading: LightReading, sign: 1 | -1): void {
    if (line.status === 'cancelled') return;
    this.measures += sign;
    this.extensionsGranted += sign * line.extensionsGranted;
    if (line.status === 'signed_off') {
      this.signedOff += sign;
      // A 长期坚持 measure has no deadline to miss (onTime null): it counts as on time.
      if (line.onTime !== false) this.onTime += sign;
    }
    if (reading.light === 'yellow') this.dueSoon += sign;
    if (reading.overdue) this.overdue += sign;
  }

  totals(): BoardTotals {
    return {
      measures: this.measures,
      signedOff: this.signedOff,
      inProgress: this.measures - this.signedOff,
      dueSoon: this.dueSoon,
      overdue: this.overdue,
      extensionsGranted: this.extensionsGranted,
      completionRate: rate(this.signedOff, this.measures, 1, 4),
      onTimeRate: rate(this.onTime, this.signedOff, 1, 4),
    };
  }
}

/** Totals over measures already read against a date; cancelled measures are not counted. */
export function totalsOf(entries: readonly { line: TotalsFacts; reading: LightReading }[]): BoardTotals {
  const counter = new TotalsCounter();
  for (const { line, reading } of entries) counter.add(line, reading);
  return counter.totals();
}
