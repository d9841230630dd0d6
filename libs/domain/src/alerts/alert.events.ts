import type { LadderRecipient } from './ladder';
import { CalendarDate } from '../shared/calendar-date';

/** 提醒 reminder, 临期 due soon, 逾期 overdue, 督办 escalated: what a step of the ladder does (ladder.ts). */
export const ALERT_LEVELS = ['reminder', 'due_soon', 'overdue', 'escalated'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

/** What is late: the measure's deadline, one of its milestones (节点), or a 长期坚持 period's report. */
export type AlertSubject = 'deadline' | 'milestone' | 'report';

/** The facts every alert records; `alertId` is unique within the measure's stream. */
export interface AlertData {
  measureId: string;
  alertId: string;
  level: AlertLevel;
  subject: AlertSubject;
  milestoneId: string | null;
  dueDate: CalendarDate;
  deadlineVersion: number;
  /** The instant the alert was due to fire (ISO-8601); the event's recordedAt says when it did. */
  dueAt: string;
  /** The step of the supervision ladder reached, as the ladder named it then. */
  stepId: string;
  stepName: string;
  /** Whose inboxes it goes to. */
  recipients: LadderRecipient[];
  /** Whether reaching it issues a 督办单, and the notice's title. */
  notice: boolean;
  noticeTitle: string;
}

/** 提醒: a step before the due day that leaves the light as it is (e.g. 30 % of the time left). */
export interface Reminded {
  type: 'Reminded';
  data: AlertData & { level: 'reminder' };
}

/** 临期提醒 */
export interface DueSoonWarned {
  type: 'DueSoonWarned';
  data: AlertData & { level: 'due_soon' };
}

/** 逾期 */
export interface OverdueFlagged {
  type: 'OverdueFlagged';
  data: AlertData & { level: 'overdue' };
}

/** 督办: overdue for long enough to go to the responsible leader and the inspectors. */
export interface Escalated {
  type: 'Escalated';
  data: AlertData & { level: 'escalated' };
}

/** A recipient has seen the alert. */
export interface AlertAcknowledged {
  type: 'AlertAcknowledged';
  data: { measureId: string; alertId: string; userId: string };
}

export type AlertRaised = Reminded | DueSoonWarned | OverdueFlagged | Escalated;
export type AlertEvent = AlertRaised | AlertAcknowledged;

export const ALERT_EVENT_TYPE: Record<AlertLevel, AlertRaised['type']> = {
  reminder: 'Reminded',
  due_soon: 'DueSoonWarned',
  overdue: 'OverdueFlagged',
  escalated: 'Escalated',
};

const RAISED_TYPES: ReadonlySet<string> = new Set(Object.values(ALERT_EVENT_TYPE));

export const isAlertRaised = (event: { type: string }): event is AlertRaised => RAISED_TYPES.has(event.type);

export const ALERT_EVENT_TYPES: readonly AlertEvent['type'][] = [
  'Reminded',
  'DueSoonWarned',
  'OverdueFlagged',
  'Escalated',
  'AlertAcknowledged',
];
