import { CalendarDate } from '../shared/calendar-date';
import { deadlineOn, nextReportDue } from '../measure/deadline.rule';
import { LadderStep, SupervisionLadder } from '../alerts/ladder';
import { MeasureLine } from './measure-line';

/** The wall chart's traffic light: 绿 signed off, 蓝 on track, 黄 due soon or behind a milestone, 红 overdue. */
export type Light = 'green' | 'blue' | 'yellow' | 'red';

export type LightFacts = Pick<
  MeasureLine,
  'status' | 'dueDate' | 'reportEveryDays' | 'milestones' | 'lastReportedOn' | 'assignedOn'
>;

export interface LightReading {
  light: Light;
  overdue: boolean;
  dueSoon: boolean;
  behindMilestone: boolean;
  /** The latest step of the supervision ladder its deadline has reached (督办环节); null before any. */
  step: Pick<LadderStep, 'id' | 'name' | 'level'> | null;
  escalated: boolean;
}

const GREEN: LightReading = {
  light: 'green',
  overdue: false,
  dueSoon: false,
  behindMilestone: false,
  step: null,
  escalated: false,
};

/**
 * Reads a measure's light on `today` (a court-local date: the current day, or the `asOf` day of a
 * report), by the deadline rule (deadline.rule.ts): red from the day after the due day, yellow
 * within `dueSoonDays` of it. A 长期坚持 measure has no deadline: the same rule applies to its next
 * report's due date. The ladder says which steps turn it yellow; the light has no escalation
 * colour: escalated reads as overdue.
 */
export function readLight(line: LightFacts, today: CalendarDate, ladder: SupervisionLadder): LightReading {
  if (line.status === 'signed_off') return GREEN;
  const due = nextDueDate(line);
  // A 长期坚持 period starts at the last report; a deadline's time at assignment.
  const startedOn = line.dueDate === null ? (line.lastReportedOn ?? line.assignedOn) : line.assignedOn;
  const reading = due === null ? null : deadlineOn(due, startedOn ?? null, today, ladder);
  const stage = reading?.stage ?? 'on_track';
  const overdue = stage === 'overdue' || stage === 'escalated';
  const dueSoon = stage === 'due_soon';
  const behindMilestone = !overdue && isBehindMilestone(line, today);
  const light = overdue ? 'red' : dueSoon || behindMilestone ? 'yellow' : 'blue';
  const step = line.dueDate === null || !reading?.step ? null : pickStep(reading.step);
  return { light, overdue, dueSoon, behindMilestone, step, escalated: stage === 'escalated' };
}

const pickStep = ({ id, name, level }: LadderStep) => ({ id, name, level });

/** The date the light reads: the deadline, or a 长期坚持 measure's next report; null if neither. */
export function nextDueDate(line: LightFacts): CalendarDate | null {
  return line.dueDate ?? nextReportDue(line);
}

/**
 * 节点滞后: the latest milestone already past has no progress report made after the milestone
 * before it (or at all, for the first milestone): the step it marks shows no sign of being reached.
 */
function isBehindMilestone(line: LightFacts, today: CalendarDate): boolean {
  let latestPassed = -1;
  const dates = line.milestones.map((m) => m.dueDate).sort();
  dates.forEach((date, i) => {
    if (date < today) latestPassed = i;
  });
  if (latestPassed < 0) return false;
  if (line.lastReportedOn === null) return true;
  return latestPassed > 0 && line.lastReportedOn <= dates[latestPassed - 1];
}
