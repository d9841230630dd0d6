import { CalendarDate, daysBetween } from '../shared/calendar-date';
import { SupervisionLadder } from '../alerts/ladder';
import { rate } from '../shared/rate';
import { LightFacts, nextDueDate, readLight } from '../board/light';
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
  ladder: SupervisionLadder;
}

/**
 * Per-department figures as of a date, ranked: highest completion rate first, then fewest
 * overdue. Ranking is competition ranking ("1224"): departments equal on both share a rank and
 * the next rank skips (1, 1, 3); within a shared rank the order is by department id, so it is stable. Cancelled measures count nowhere. Due soon
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
    const reading = readLight(m, asOf, rules.ladder);
    if (reading.overdue) line.overdue++;
    else if (reading.light === 'yellow') line.dueSoon++;
    if (m.dueDate !== null && reading.escalated) line.escalated++;
  }
  const lines = [...byDepartment.values()];
  for (const line of lines) line.completionRate = rate(line.signedOff, line.total, 100, 1) ?? 0;
  lines.sort((a, b) => byStanding(a, b) || a.departmentId.localeCompare(b.departmentId));
  return competitionRanks(lines, byStanding);
}

/** What a rank compares: completion rate (higher first), then overdue measures (fewer first). */
function byStanding(a: DepartmentFigures, b: DepartmentFigures): number {
  return b.completionRate - a.completionRate || a.overdue - b.overdue;
}

/**
 * Competition ranking over lines already sorted by `compare`: a line equal to the one before it
 * takes that line's rank; otherwise its rank is its place (1-based), so ranks skip after a tie.
 */
export function competitionRanks<T extends { rank: number }>(
  sorted: T[],
  compare: (a: T, b: T) => number,
): T[] {
  sorted.forEach((line, i) => {
    line.rank = i > 0 && compare(sorted[i - 1], line) === 0 ? sorted[i - 1].rank : i + 1;
  });
  return sorted;
}

/** What the bulletin names of an overdue measure (逾期措施). */
export interface OverdueMeasure {
  measureId: string;
  /** 措施编号, e.g. 3.2 */
  number: string;
  content: string;
  departmentId: string;
  /** The date it was due by: the deadline, or a 长期坚持 measure's missed report. */
  dueDate: CalendarDate | null;
  daysOverdue: number;
}

export type OverdueFacts = BulletinMeasure & Pick<MeasureLine, 'measureId' | 'number' | 'content'>;

/**
 * The measures the bulletin names as overdue on `asOf`: those the wall chart shows red that day,
 * longest overdue first, then by measure number.
 */
export function overdueMeasures(
  measures: readonly OverdueFacts[],
  asOf: CalendarDate,
  rules: BulletinRules,
): OverdueMeasure[] {
  const named: OverdueMeasure[] = [];
  for (const m of measures) {
    if (m.status === 'cancelled' || m.status === 'signed_off') continue;
    if (!readLight(m, asOf, rules.ladder).overdue) continue;
    const due = nextDueDate(m);
    named.push({
      measureId: m.measureId,
      number: m.number,
      content: m.content,
      departmentId: m.departmentId,
      dueDate: due,
      daysOverdue: due === null ? 0 : daysBetween(due, asOf),
    });
  }
  return named.sort(
    (a, b) => b.daysOverdue - a.daysOverdue || a.number.localeCompare(b.number, 'en', { numeric: true }),
  );
}
