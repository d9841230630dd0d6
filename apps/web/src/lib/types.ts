/** The shapes the web reads from the API (see apps/api/src/board/board.query.ts and friends). */

export type Role = 'leader' | 'department_head' | 'inspector' | 'admin';
export type Light = 'green' | 'blue' | 'yellow' | 'red';
export type MeasureStatus = 'assigned' | 'in_progress' | 'submitted' | 'signed_off' | 'cancelled';
export type MeasureKind = 'immediate' | 'deadline' | 'long_term';
/** A court-local calendar date, YYYY-MM-DD. */
export type CalendarDate = string;

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
  level: 'due_soon' | 'overdue' | 'escalated';
  measureNumber: string;
  content: string;
  dueDate: CalendarDate | null;
  raisedAt: string;
  acknowledged: boolean;
}
