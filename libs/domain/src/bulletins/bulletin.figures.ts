import { addDays, CalendarDate } from '../shared/calendar-date';
import { MeasureStatus } from '../measure/measure.state';

/** What the bulletin needs to know of one measure. */
export interface BulletinMeasure {
  departmentId: string;
  status: MeasureStatus;
  /** null for 长期坚持, which is never due soon or overdue by date. */
  dueDate: CalendarDate | null;
}

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

const isOpen = (status: MeasureStatus) => status !== 'signed_off' && status !== 'cancelled';

/**
 * Per-department figures as of a date, ranked: highest completion rate first, then fewest
 * overdue, then department id so the order is stable. Cancelled measures count nowhere.
 */
export function bulletinFigures(
  measures: readonly BulletinMeasure[],
  asOf: CalendarDate,
  rules: BulletinRules,
): DepartmentFigures[] {
  const byDepartment = new Map<string, DepartmentFigures>();
  const soonLimit = addDays(asOf, rules.dueSoonDays);
  const escalationLimit = addDays(asOf, -rules.escalateAfterDays);
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
    if (!isOpen(m.status)) {
      line.signedOff++;
      continue;
    }
    line.open++;
    if (m.dueDate === null) continue;
    if (m.dueDate < asOf) line.overdue++;
    else if (m.dueDate <= soonLimit) line.dueSoon++;
    if (m.dueDate < escalationLimit) line.escalated++;
  }
  const lines = [...byDepartment.values()];
  for (const line of lines) line.completionRate = Math.round((line.signedOff / line.total) * 1000) / 10;
  lines.sort(
    (a, b) =>
      b.completionRate - a.completionRate ||
      a.overdue - b.overdue ||
      a.departmentId.localeCompare(b.departmentId),
  );
  lines.forEach((line, i) => (line.rank = i + 1));
  return lines;
}
