import { AlertEvent, ALERT_EVENT_TYPES } from '../alerts/alert.events';
import { CalendarDate } from '../shared/calendar-date';
import { LOOK_BACK_EVENT_TYPES, LookBackEvent } from '../lookback/look-back.events';

export const MEASURE_KINDS = [
  'immediate', // 立行立改
  'deadline', // 限期整改
  'long_term', // 长期坚持
] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

/** 节点: an intermediate date a measure must reach. */
export interface Milestone {
  milestoneId: string;
  title: string;
  dueDate: CalendarDate;
}

/** 五定: the measure is entered with its target, deadline and three responsible parties. */
export interface MeasureAssigned {
  type: 'MeasureAssigned';
  data: {
    measureId: string;
    campaignId: string;
    problemId: string;
    number: string;
    content: string;
    target: string | null;
    kind: MeasureKind;
    responsibleLeaderId: string;
    departmentId: string;
    responsiblePerson: string;
    /** null only for 长期坚持, which reports every `reportEveryDays` instead. */
    dueDate: CalendarDate | null;
    reportEveryDays: number | null;
    milestones: Milestone[];
    /** Each deadline change makes a new version; alerts are keyed on it. */
    deadlineVersion: number;
    /** The court date of assignment: a 长期坚持 measure's first reporting period starts here. */
    assignedOn?: CalendarDate;
  };
}

export interface ProgressReported {
  type: 'ProgressReported';
  data: {
    measureId: string;
    note: string;
    percent: number;
    reportedOn: CalendarDate;
    /** Evidence files (佐证材料) the report cites; absent when it cites none. */
    attachmentIds?: string[];
  };
}

/** 延期申请 */
export interface ExtensionRequested {
  type: 'ExtensionRequested';
  data: {
    measureId: string;
    requestId: string;
    currentDueDate: CalendarDate;
    newDueDate: CalendarDate;
    reason: string;
  };
}

export interface ExtensionApproved {
  type: 'ExtensionApproved';
  data: {
    measureId: string;
    requestId: string;
    previousDueDate: CalendarDate;
    newDueDate: CalendarDate;
    deadlineVersion: number;
    opinion: string | null;
  };
}

export interface ExtensionRejected {
  type: 'ExtensionRejected';
  data: { measureId: string; requestId: string; reason: string };
}

/** The department head submits completion with a description of the evidence (佐证材料). */
export interface CompletionSubmitted {
  type: 'CompletionSubmitted';
  data: {
    measureId: string;
    summary: string;
    evidence: string | null;
    /** Evidence files (佐证材料) the submission cites; absent when it cites none. */
    attachmentIds?: string[];
  };
}

/** The file types accepted as evidence, as the content (not the name) shows them. */
export const EVIDENCE_MEDIA_TYPES = [
  'application/pdf',
  'application/ofd',
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/msword',
  'application/vnd.ms-excel',
  'text/plain',
  'video/mp4',
] as const;
export type EvidenceMediaType = (typeof EVIDENCE_MEDIA_TYPES)[number];

/**
 * 佐证材料: a file attached to the measure. The bytes live in the blob store under their SHA-256;
 * the hash is here, so the stream's integrity chain covers the file too.
 */
export interface EvidenceAttached {
  type: 'EvidenceAttached';
  data: {
    measureId: string;
    attachmentId: string;
    fileName: string;
    mediaType: EvidenceMediaType;
    size: number;
    sha256: string;
    note: string | null;
  };
}

/** The file no longer counts as evidence; it is kept (nothing is ever deleted). */
export interface EvidenceWithdrawn {
  type: 'EvidenceWithdrawn';
  data: { measureId: string; attachmentId: string; reason: string };
}

/** 销号: the responsible leader accepts the completion. */
export interface MeasureSignedOff {
  type: 'MeasureSignedOff';
  data: {
    measureId: string;
    opinion: string | null;
    signedOffOn: CalendarDate;
    /** Signed off on or before the original deadline (按期完成); null for 长期坚持. */
    onTime: boolean | null;
  };
}

/** 退回: the completion is not accepted; work goes on. */
export interface MeasureReturned {
  type: 'MeasureReturned';
  data: { measureId: string; reason: string };
}

/** 回头看: a look-back review found the problem relapsed (反弹回潮). */
export interface MeasureReopened {
  type: 'MeasureReopened';
  data: {
    measureId: string;
    reason: string;
    /** A reopened measure may get a new deadline (a new deadline version). */
    newDueDate: CalendarDate | null;
    deadlineVersion: number;
  };
}

export interface MeasureCancelled {
  type: 'MeasureCancelled';
  data: { measureId: string; reason: string };
}

/** 建章立制: a rule or system the measure produced. */
export interface OutcomeRecorded {
  type: 'OutcomeRecorded';
  data: { measureId: string; outcomeId: string; title: string };
}

/** 催办: the responsible leader (or the secretary) urges the department on; answered by the next report. */
export interface MeasureUrged {
  type: 'MeasureUrged';
  data: {
    measureId: string;
    urgeId: string;
    message: string;
    urgedBy: string;
    urgedOn: CalendarDate;
  };
}

export type MeasureEvent =
  | MeasureAssigned
  | MeasureUrged
  | ProgressReported
  | ExtensionRequested
  | ExtensionApproved
  | ExtensionRejected
  | CompletionSubmitted
  | MeasureSignedOff
  | MeasureReturned
  | MeasureReopened
  | MeasureCancelled
  | OutcomeRecorded
  | EvidenceAttached
  | EvidenceWithdrawn
  | LookBackEvent
  | AlertEvent;

export const MEASURE_EVENT_TYPES: readonly MeasureEvent['type'][] = [
  'MeasureAssigned',
  'ProgressReported',
  'ExtensionRequested',
  'ExtensionApproved',
  'ExtensionRejected',
  'CompletionSubmitted',
  'MeasureSignedOff',
  'MeasureReturned',
  'MeasureReopened',
  'MeasureCancelled',
  'OutcomeRecorded',
  'EvidenceAttached',
  'EvidenceWithdrawn',
  'MeasureUrged',
  ...LOOK_BACK_EVENT_TYPES,
  ...ALERT_EVENT_TYPES,
];

const MEASURE_TYPES = new Set<string>(MEASURE_EVENT_TYPES);

/** True for the events of a measure's stream (its alerts included). */
export function isMeasureEvent(event: { type: string }): event is MeasureEvent {
  return MEASURE_TYPES.has(event.type);
}
