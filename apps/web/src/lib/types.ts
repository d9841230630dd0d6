/** The shapes the web reads from the API (see apps/api/src/board/board.query.ts and friends). */

export type Role = 'leader' | 'department_head' | 'inspector' | 'admin';
export type Light = 'green' | 'blue' | 'yellow' | 'red';
export type MeasureStatus = 'assigned' | 'in_progress' | 'submitted' | 'signed_off' | 'cancelled';
export type MeasureKind = 'immediate' | 'deadline' | 'long_term';
/** A court-local calendar date, YYYY-MM-DD. */
export type CalendarDate = string;
/** How far up the supervision ladder (督办阶梯) an alert or step is: 提醒, 临期, 逾期, 督办. */
export type AlertLevel = 'reminder' | 'due_soon' | 'overdue' | 'escalated';
/** Who a step of the ladder goes to, besides being recorded on the measure. */
export type LadderRecipient = 'department_head' | 'responsible_leader' | 'secretary' | 'inspectors';
/** When a step is reached: days before the due day, a share of the time left, or days overdue. */
export type StepTrigger = { daysBefore: number } | { timeLeftPercent: number } | { daysOverdue: number };

/** GET /api/v1/supervision-ladder: one step of the court's ladder. */
export interface LadderStep {
  id: string;
  name: string;
  level: AlertLevel;
  trigger: StepTrigger;
  recipients: LadderRecipient[];
  notice: boolean;
  noticeTitle: string | null;
  milestones: boolean;
}

/** The step (督办环节) a measure's deadline has reached today. */
export interface StepReached {
  id: string;
  name: string;
  level: AlertLevel;
}

/** One step of the ladder laid over a measure's current deadline (GET /api/v1/measures/:id). */
export interface MeasureLadderStep {
  id: string;
  name: string;
  level: AlertLevel;
  reachedOn: CalendarDate;
  recipients: LadderRecipient[];
  notice: boolean;
  noticeTitle: string | null;
  /** Recorded in the measure's stream: the scheduler fired it. */
  recorded: boolean;
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
  departmentName?: string | null;
  secretary: boolean;
  unreadAlerts?: number;
  /** Signed in with an administrator's temporary password: only 修改密码 is open until it is changed. */
  mustChangePassword?: boolean;
}

export interface BoardTotals {
  measures: number;
  signedOff: number;
  inProgress: number;
  dueSoon: number;
  overdue: number;
  extensionsGranted: number;
  completionRate: number | null;
  onTimeRate: number | null;
}

export interface BoardMeasure {
  id: string;
  campaignId: string;
  problemId: string;
  problemNumber: number;
  problemTitle: string;
  number: string;
  content: string;
  kind: MeasureKind;
  responsibleLeaderId: string;
  responsibleLeaderName: string | null;
  departmentId: string;
  departmentName: string | null;
  responsiblePerson: string;
  originalDueDate: CalendarDate | null;
  dueDate: CalendarDate | null;
  status: MeasureStatus;
  light: Light;
  overdue: boolean;
  dueSoon: boolean;
  behindMilestone: boolean;
  returned: boolean;
  reopened: boolean;
  percent: number;
  extensionsGranted: number;
  signedOffOn: CalendarDate | null;
  onTime: boolean | null;
  /** 回头看待查: a look-back reminder has fallen due and no review has answered it (absent from older servers). */
  lookBackDue?: boolean;
  lookBackDueOn?: CalendarDate | null;
  /** The latest step of the supervision ladder reached today (督办环节); absent from older servers. */
  step?: StepReached | null;
}

export interface BoardGroup {
  key: string;
  label: string;
  totals: BoardTotals;
  measures: BoardMeasure[];
}

export interface Board {
  asOf: CalendarDate | null;
  today: CalendarDate;
  dueSoonDays: number;
  groupBy: Grouping;
  campaigns: { id: string; title: string }[];
  totals: BoardTotals;
  /** Which rows this answer holds: the court-wide board is paged, a campaign's is whole. */
  page?: { number: number; size: number; measures: number; pages: number };
  groups: BoardGroup[];
}

export type Grouping = 'problem' | 'department' | 'leader';

export interface Campaign {
  id: string;
  title: string;
  source: string;
  issuedOn: CalendarDate | null;
  launchedAt: string;
  counts: { problems: number; measures: number; signedOff: number; submitted: number; cancelled: number };
}

export interface InboxAlert {
  measureId: string;
  alertId: string;
  level: AlertLevel;
  /** The step of the ladder reached (absent from older servers). */
  stepId?: string;
  stepName?: string;
  recipients?: LadderRecipient[];
  measureNumber: string;
  content: string;
  dueDate: CalendarDate | null;
  raisedAt: string;
  acknowledged: boolean;
}
