import {
  AlertData,
  BulletinIssued,
  CampaignLaunched,
  MeasureAdded,
  MeasureAssigned,
  MeasureEvent,
  ProblemRecorded,
} from '@tracker/domain';

/** A small court's facts for projection specs: one campaign, its problems and measures. */
export const launched = (campaignId = 'c1', issuedOn = '2026-03-01'): CampaignLaunched => ({
  type: 'CampaignLaunched',
  data: {
    campaignId,
    title: `${campaignId} 巡视反馈问题整改`,
    source: 'inspection_feedback',
    issuedOn,
    description: null,
  },
});

export const problem = (problemId: string, number: number, campaignId = 'c1'): ProblemRecorded => ({
  type: 'ProblemRecorded',
  data: {
    campaignId,
    problemId,
    number,
    title: `问题${number}`,
    description: null,
    category: null,
    rootCause: null,
    departmentIds: ['d-criminal'],
  },
});

export const added = (
  measureId: string,
  problemId: string,
  number: string,
  campaignId = 'c1',
): MeasureAdded => ({
  type: 'MeasureAdded',
  data: { campaignId, problemId, measureId, number },
});

export const assigned = (
  measureId: string,
  problemId: string,
  overrides: Partial<MeasureAssigned['data']> = {},
): MeasureAssigned => ({
  type: 'MeasureAssigned',
  data: {
    measureId,
    campaignId: 'c1',
    problemId,
    number: '1.1',
    content: '建立案件质效周通报制度',
    target: null,
    kind: 'deadline',
    responsibleLeaderId: 'u-leader',
    departmentId: 'd-criminal',
    responsiblePerson: '王庭长',
    dueDate: '2026-03-31',
    reportEveryDays: null,
    milestones: [],
    deadlineVersion: 1,
    assignedOn: '2026-03-02',
    ...overrides,
  },
});

export const progress = (measureId: string, percent: number, reportedOn = '2026-03-05'): MeasureEvent => ({
  type: 'ProgressReported',
  data: { measureId, note: `完成${percent}%`, percent, reportedOn },
});

export const submitted = (measureId: string): MeasureEvent => ({
  type: 'CompletionSubmitted',
  data: { measureId, summary: '制度已印发', evidence: null },
});

export const signedOff = (measureId: string, signedOffOn = '2026-03-20'): MeasureEvent => ({
  type: 'MeasureSignedOff',
  data: { measureId, opinion: '同意销号', signedOffOn, onTime: true },
});

export const overdue = (measureId: string, alertId = 'a-overdue'): MeasureEvent => {
  const data: AlertData & { level: 'overdue' } = {
    measureId,
    alertId,
    level: 'overdue',
    subject: 'deadline',
    milestoneId: null,
    dueDate: '2026-03-31',
    deadlineVersion: 1,
    dueAt: '2026-03-31T16:00:00.000Z',
    stepId: 'overdue',
    stepName: '逾期督办',
    recipients: ['department_head', 'responsible_leader', 'secretary'],
    notice: true,
    noticeTitle: '督办通知书',
  };
  return { type: 'OverdueFlagged', data };
};

export const acknowledged = (measureId: string, alertId: string, userId: string): MeasureEvent => ({
  type: 'AlertAcknowledged',
  data: { measureId, alertId, userId },
});

/** The year's `number`th bulletin, issued on asOf. */
export const bulletin = (number: number, asOf: string): BulletinIssued => ({
  type: 'BulletinIssued',
  data: {
    bulletinId: `${asOf.slice(0, 4)}-${String(number).padStart(3, '0')}`,
    requestId: `schedule-${asOf}`,
    year: Number(asOf.slice(0, 4)),
    number,
    issuedOn: asOf,
    periodStart: '2026-03-01',
    asOf,
    lines: [],
    overdueMeasures: [],
  },
});

export const extensionRequested = (
  measureId: string,
  currentDueDate: string,
  newDueDate: string,
): MeasureEvent => ({
  type: 'ExtensionRequested',
  data: { measureId, requestId: `x-${measureId}`, currentDueDate, newDueDate, reason: '需等待外部材料' },
});

export const extensionApproved = (
  measureId: string,
  previousDueDate: string,
  newDueDate: string,
): MeasureEvent => ({
  type: 'ExtensionApproved',
  data: {
    measureId,
    requestId: `x-${measureId}`,
    previousDueDate,
    newDueDate,
    deadlineVersion: 2,
    opinion: null,
  },
});

export const returned = (measureId: string): MeasureEvent => ({
  type: 'MeasureReturned',
  data: { measureId, reason: '佐证材料不足' },
});

export const reopened = (measureId: string, newDueDate: string | null = null): MeasureEvent => ({
  type: 'MeasureReopened',
  data: { measureId, reason: '回头看发现反弹', newDueDate, deadlineVersion: 3 },
});

export const cancelled = (measureId: string): MeasureEvent => ({
  type: 'MeasureCancelled',
  data: { measureId, reason: '任务调整' },
});

export const outcome = (measureId: string, title = '案件质效周通报制度'): MeasureEvent => ({
  type: 'OutcomeRecorded',
  data: { measureId, outcomeId: `o-${measureId}`, title },
});
