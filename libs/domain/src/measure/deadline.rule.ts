import { addDays, CalendarDate } from '../shared/calendar-date';
import { PairMemo } from '../shared/pair-memo';
import { ladderDates, LadderStep, StepDate, SupervisionLadder } from '../alerts/ladder';

export type DeadlineStage = 'on_track' | 'due_soon' | 'overdue' | 'escalated';

export interface DeadlineReading {
  stage: DeadlineStage;
  /** The latest step of the ladder reached by that day; null before the first. */
  step: LadderStep | null;
}

/**
 * The one rule for where a deadline stands on a court day — on track, due soon (临期), overdue
 * (逾期), escalated (督办) — and which step of the supervision ladder it has reached: the wall
 * chart's light, the alerts the scheduler plans and the bulletin's figures all read it here.
 * Overdue from the day after the due day whatever the ladder; due soon and escalated where a step
 * of that level has been reached.
 */
export function deadlineOn(
  due: CalendarDate,
  startedOn: CalendarDate | null,
  day: CalendarDate,
  ladder: SupervisionLadder,
): DeadlineReading {
  let latest: StepDate | null = null;
  for (const date of datesOf(ladder, due, startedOn)) {
    // The latest day wins; on one day, the later step of the list.
    if (date.reachedOn <= day && (latest === null || date.reachedOn >= latest.reachedOn)) latest = date;
  }
  const step = latest?.step ?? null;
  const overdue = day > due;
  let stage: DeadlineStage = 'on_track';
  if (overdue) stage = step?.level === 'escalated' ? 'escalated' : 'overdue';
  else if (step?.level === 'due_soon') stage = 'due_soon';
  return { stage, step };
}

/** Deadlines laid over a ladder remembered per ladder before starting afresh. */
const DATES_KEPT = 20_000;
/** Per ladder: due, then startedOn ('' for none), to the dates. */
const laidOver = new WeakMap<SupervisionLadder, PairMemo<CalendarDate, CalendarDate, readonly StepDate[]>>();

/**
 * `ladderDates` of a deadline, remembered per ladder (configuration, never changed in place) and
 * (due, startedOn): they do not depend on the day read, and a board reads every measure's light,
 * on few distinct deadlines, on every request.
 */
function datesOf(
  ladder: SupervisionLadder,
  due: CalendarDate,
  startedOn: CalendarDate | null,
): readonly StepDate[] {
  let memo = laidOver.get(ladder);
  if (memo === undefined) {
    const forLadder = (on: CalendarDate, start: CalendarDate) => ladderDates(ladder, on, start || null);
    laidOver.set(ladder, (memo = new PairMemo(forLadder, DATES_KEPT)));
  }
  return memo.of(due, startedOn ?? '');
}

/** What a 长期坚持 measure's reporting is read from. */
export interface ReportingFacts {
  reportEveryDays: number | null;
  lastReportedOn: CalendarDate | null;
  assignedOn?: CalendarDate | null;
}

/**
 * 长期坚持 has no deadline: each period must end with a progress report, and the next period runs
 * from the last report (or from assignment). Null when the measure does not report periodically.
 */
export function nextReportDue(facts: ReportingFacts): CalendarDate | null {
  if (facts.reportEveryDays === null) return null;
  const since = facts.lastReportedOn ?? facts.assignedOn;
  return since ? addDays(since, facts.reportEveryDays) : null;
}
