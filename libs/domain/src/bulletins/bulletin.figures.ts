import { CalendarDate } from '../shared/calendar-date';
import { deadlineStageOn } from '../measure/deadline.rule';
import { rate } from '../shared/rate';
import { LightFacts, readLight } from '../board/light';
import { MeasureLine } from '../board/measure-line';

/** What the bulletin needs to know of one measure: what the wall chart reads its light from. */
export type BulletinMeasure = LightFacts & Pick<MeasureLine, 'departmentId'>;

/** 督办通报: one department's line. Rates are percentages with one decimal. */
export interface DepartmentFigures {
  rank: number;
  departmentId: string;
  total: number;
  open: number;
  dueSoon: number;
  overdue: number;
  escalated: number;
  signedOff: number;
  completionRate: number;
}

export interface BulletinRules {
  dueSoonDays: number;
  escalateAfterDays: number;
}

/**
 * Per-department figures as of a date, ranked: highest completion rate first, then fewest
 * overdue, then department id so the order is stable. Cancelled measures count nowhere. Due soon
 * and overdue are the wall chart's yellow and red lights on that date (readLight), so a bulletin
 * and the board of the same day agree; escalation follows the alerts (deadlines only).
 */
export function bulletinFigures(
  measures: readonly BulletinMeasure[],
  asOf: CalendarDate,
  rules: BulletinRules,
): DepartmentFigures[] {
  const byDepartment = new Map<string, DepartmentFigures>();
  for (const m of measures) {
    if (m.status === 'cancelled') continue;
    const line = byDepartment.get(m.departmentId) ?? {
      rank: 0,
      departmentId: m.departmentId,
      total: 0,
      open: 0,
      dueSoon: 0,
      overdue: 0,
      escalated: 0,
      signedOff: 0,
      completionRate: 0,
    };
    byDepartment.set(m.departmentId, line);
    line.total++;
    if (m.status === 'signed_off') {
      line.signedOff++;
      continue;
    }
    line.open++;
    const reading = readLight(m, asOf, rules.dueSoonDays);
    if (reading.overdue) line.overdue++;
    else if (reading.light === 'yellow') line.dueSoon++;
    if (m.dueDate !== null && deadlineStageOn(m.dueDate, asOf, rules) === 'escalated') line.escalated++;
  }
  const lines = [...byDepartment.values()];
  for (const line of lines) line.completionRate = rate(line.signedOff, line.total, 100, 1) ?? 0;
  lines.sort(
    (a, b) =>
      b.completionRate - a.completionRate ||
      a.overdue - b.overdue ||
      a.departmentId.localeCompare(b.departmentId),
  );
  lines.forEach((line, i) => (line.rank = i + 1));
  return lines;
}
