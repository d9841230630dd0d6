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

/** Totals over measures already read against a date; cancelled measures are not counted. */
export function totalsOf(entries: readonly { line: TotalsFacts; reading: LightReading }[]): BoardTotals {
  let measures = 0;
  let signedOff = 0;
  let onTime = 0;
  let dueSoon = 0;
  let overdue = 0;
  let extensionsGranted = 0;
  for (const { line, reading } of entries) {
    if (line.status === 'cancelled') continue;
    measures += 1;
    extensionsGranted += line.extensionsGranted;
    if (line.status === 'signed_off') {
      signedOff += 1;
      // A 长期坚持 measure has no deadline to miss (onTime null): it counts as on time.
      if (line.onTime !== false) onTime += 1;
    }
    if (reading.light === 'yellow') dueSoon += 1;
    if (reading.overdue) overdue += 1;
  }
  return {
    measures,
    signedOff,
    inProgress: measures - signedOff,
    dueSoon,
    overdue,
    extensionsGranted,
    completionRate: rate(signedOff, measures, 1, 4),
    onTimeRate: rate(onTime, signedOff, 1, 4),
  };
}
