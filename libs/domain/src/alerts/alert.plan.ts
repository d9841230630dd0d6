import { addDays, CalendarDate } from '../shared/calendar-date';
import { nextReportDue } from '../measure/deadline.rule';
import { MeasureState } from '../measure/measure.state';
import { AlertData, AlertSubject } from './alert.events';
import { ladderDates, LadderStep, SupervisionLadder } from './ladder';

export interface AlertSettings {
  /** The court's supervision ladder (SUPERVISION_LADDER_FILE, or the default of three steps). */
  ladder: SupervisionLadder;
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

/** 长期坚持 has no ladder: a missed period's report is one 逾期 alert to the department and its leader. */
export const MISSED_REPORT = {
  id: 'overdue',
  name: '逾期未报告',
  level: 'overdue',
  recipients: ['department_head', 'responsible_leader', 'secretary'],
  notice: false,
  noticeTitle: '督办通知书',
} as const;

/**
 * Every alert the measure's current deadline version calls for, fired or not: each step of the
 * ladder on the deadline (and the milestone steps on each milestone), at midnight starting the day
 * it is reached. Ids carry the version, so an extension or a reopening makes new alerts and the
 * old ones no longer apply. Ids contain no ':' because they become BullMQ job ids.
 */
export function planAlerts(state: MeasureState, settings: AlertSettings): PlannedAlert[] {
  if (!alertsApply(state)) return [];
  const version = state.deadlineVersion;
  const alert = (
    subject: AlertSubject,
    step: Pick<LadderStep, 'id' | 'name' | 'level' | 'recipients' | 'notice' | 'noticeTitle'>,
    dueDate: CalendarDate,
    fireOn: CalendarDate,
    milestoneId: string | null = null,
  ): PlannedAlert => {
    const fireAt = settings.startOfDay(fireOn);
    const scope = subject === 'deadline' ? 'deadline' : `${subject}-${milestoneId ?? dueDate}`;
    return {
      measureId: state.measureId,
      alertId: `v${version}-${scope}-${step.id}`,
      level: step.level,
      subject,
      milestoneId,
      dueDate,
      deadlineVersion: version,
      dueAt: fireAt.toISOString(),
      stepId: step.id,
      stepName: step.name,
      recipients: [...step.recipients],
      notice: step.notice && subject === 'deadline',
      noticeTitle: step.noticeTitle,
      fireAt,
    };
  };

  const planned: PlannedAlert[] = [];
  const startedOn = state.assignedOn ?? null;
  if (state.dueDate !== null) {
    for (const { step, reachedOn } of ladderDates(settings.ladder, state.dueDate, startedOn))
      planned.push(alert('deadline', step, state.dueDate, reachedOn));
    for (const m of state.milestones) {
      for (const { step, reachedOn } of ladderDates(settings.ladder, m.dueDate, startedOn, 'milestone'))
        planned.push(alert('milestone', step, m.dueDate, reachedOn, m.milestoneId));
    }
  } else {
    const reportDue = nextReportDue(state);
    if (reportDue !== null) planned.push(alert('report', MISSED_REPORT, reportDue, addDays(reportDue, 1)));
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
  // A step before the due day (提醒, 临期) is answered by the next step of the same deadline or milestone.
  if (alert.level === 'reminder' || alert.level === 'due_soon') {
    const index = measure.alerts.findIndex((a) => a.alertId === alert.alertId);
    const answered = measure.alerts.some(
      (a, i) =>
        i > index &&
        a.subject === alert.subject &&
        a.milestoneId === alert.milestoneId &&
        a.deadlineVersion === alert.deadlineVersion,
    );
    if (index >= 0 && answered) return false;
  }
  // A missed 长期坚持 report is answered by the next report.
  if (alert.subject === 'report' && measure.reportEveryDays !== null && measure.lastReportedOn !== null) {
    return (nextReportDue(measure) ?? alert.dueDate) <= alert.dueDate;
  }
  return true;
}
