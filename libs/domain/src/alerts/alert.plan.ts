import { CalendarDate } from '../shared/calendar-date';
import { deadlineStages, nextReportDue } from '../measure/deadline.rule';
import { MeasureState } from '../measure/measure.state';
import { AlertData, AlertLevel, AlertSubject } from './alert.events';

export interface AlertSettings {
  /** 临期: days before the deadline day the warning fires (DUE_SOON_DAYS). */
  dueSoonDays: number;
  /** 督办: days overdue before escalation (ESCALATE_AFTER_DAYS). */
  escalateAfterDays: number;
  /** Midnight starting a date in the court's time zone; the domain has no time zone of its own. */
  startOfDay(date: CalendarDate): Date;
}

/** An alert the measure's current state calls for, and the instant it is due. */
export interface PlannedAlert extends AlertData {
  fireAt: Date;
}

/** Alerts stop once the work is done or dropped; a submission awaiting sign-off is not done. */
export function alertsApply(
  state: MeasureState,
): state is Extract<MeasureState, { status: 'assigned' | 'in_progress' | 'submitted' }> {
  return state.status === 'assigned' || state.status === 'in_progress' || state.status === 'submitted';
}

/**
 * Every alert the measure's current deadline version calls for, fired or not. Ids carry the
 * version, so an extension or a reopening makes new alerts and the old ones no longer apply.
 * Ids contain no ':' because they become BullMQ job ids.
 */
export function planAlerts(state: MeasureState, settings: AlertSettings): PlannedAlert[] {
  if (!alertsApply(state)) return [];
  const version = state.deadlineVersion;
  const alert = (
    subject: AlertSubject,
    level: AlertLevel,
    dueDate: CalendarDate,
    fireOn: CalendarDate,
    milestoneId: string | null = null,
  ): PlannedAlert => {
    const fireAt = settings.startOfDay(fireOn);
    const scope = subject === 'deadline' ? 'deadline' : `${subject}-${milestoneId ?? dueDate}`;
    return {
      measureId: state.measureId,
      alertId: `v${version}-${scope}-${level}`,
      level,
      subject,
      milestoneId,
      dueDate,
      deadlineVersion: version,
      dueAt: fireAt.toISOString(),
      fireAt,
    };
  };
  // Each alert fires at midnight starting the first day of its stage (deadline.rule.ts).
  const warnings = (subject: AlertSubject, dueDate: CalendarDate, milestoneId: string | null) => {
    const stages = deadlineStages(dueDate, settings);
    return [
      alert(subject, 'due_soon', dueDate, stages.dueSoonFrom, milestoneId),
      alert(subject, 'overdue', dueDate, stages.overdueFrom, milestoneId),
    ];
  };

  const planned: PlannedAlert[] = [];
  if (state.dueDate !== null) {
    planned.push(
      ...warnings('deadline', state.dueDate, null),
      alert('deadline', 'escalated', state.dueDate, deadlineStages(state.dueDate, settings).escalatedFrom),
    );
    for (const m of state.milestones) planned.push(...warnings('milestone', m.dueDate, m.milestoneId));
  } else {
    const reportDue = nextReportDue(state);
    if (reportDue !== null)
      planned.push(alert('report', 'overdue', reportDue, deadlineStages(reportDue, settings).overdueFrom));
  }
  return planned;
}

/** The planned alerts not yet recorded in the measure's stream. */
export function unrecordedAlerts(state: MeasureState, settings: AlertSettings): PlannedAlert[] {
  if (!alertsApply(state)) return [];
  const recorded = new Set(state.alerts.map((a) => a.alertId));
  return planAlerts(state, settings).filter((a) => !recorded.has(a.alertId));
}

/**
 * Whether a recorded alert still stands: the measure is still under way, the alert belongs to its
 * current deadline version, and nothing has answered it since.
 */
export function isAlertOpen(alert: AlertData, measure: MeasureState): boolean {
  if (!alertsApply(measure)) return false;
  if (alert.deadlineVersion !== measure.deadlineVersion) return false;
  // 临期 is answered by 逾期 of the same deadline or milestone.
  if (
    alert.level === 'due_soon' &&
    measure.alerts.some(
      (a) =>
        a.level === 'overdue' &&
        a.subject === alert.subject &&
        a.milestoneId === alert.milestoneId &&
        a.deadlineVersion === alert.deadlineVersion,
    )
  ) {
    return false;
  }
  // A missed 长期坚持 report is answered by the next report.
  if (alert.subject === 'report' && measure.reportEveryDays !== null && measure.lastReportedOn !== null) {
    return (nextReportDue(measure) ?? alert.dueDate) <= alert.dueDate;
  }
  return true;
}
