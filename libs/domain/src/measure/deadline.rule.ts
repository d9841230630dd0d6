import { addDays, CalendarDate } from '../shared/calendar-date';

export interface DeadlineRules {
  /** 临期: days before the due day a deadline counts as due soon (DUE_SOON_DAYS). */
  dueSoonDays: number;
  /** 督办: days overdue before escalation (ESCALATE_AFTER_DAYS). */
  escalateAfterDays: number;
}

/** The first court day of each stage of a deadline. */
export interface DeadlineStages {
  dueSoonFrom: CalendarDate;
  /** Overdue after the end of the due day: from the next day. */
  overdueFrom: CalendarDate;
  escalatedFrom: CalendarDate;
}

export type DeadlineStage = 'on_track' | 'due_soon' | 'overdue' | 'escalated';

/**
 * The one rule for due soon (临期), overdue (逾期) and escalated (督办): the wall chart's light, the
 * alerts the scheduler plans and the bulletin's figures all read a deadline through it.
 */
export function deadlineStages(due: CalendarDate, rules: DeadlineRules): DeadlineStages {
  return {
    dueSoonFrom: addDays(due, -rules.dueSoonDays),
    overdueFrom: addDays(due, 1),
    escalatedFrom: addDays(due, 1 + rules.escalateAfterDays),
  };
}

/** Where a deadline stands on a court day. */
export function deadlineStageOn(due: CalendarDate, day: CalendarDate, rules: DeadlineRules): DeadlineStage {
  const stages = deadlineStages(due, rules);
  if (day >= stages.escalatedFrom) return 'escalated';
  if (day >= stages.overdueFrom) return 'overdue';
  if (day >= stages.dueSoonFrom) return 'due_soon';
  return 'on_track';
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
