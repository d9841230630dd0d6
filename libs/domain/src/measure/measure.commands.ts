import { CalendarDate } from '../shared/calendar-date';
import { CommandContext } from '../shared/command-context';
import { References } from '../shared/references';
import { EvidenceMediaType, MeasureKind, Milestone } from './measure.events';

interface MeasureCommandBase<Type extends string, Data> {
  type: Type;
  data: Data;
  context: CommandContext;
}

/** 五定: enter a measure under its problem, with the number the campaign reserved. */
export type AssignMeasure = MeasureCommandBase<
  'AssignMeasure',
  {
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
    dueDate: CalendarDate | null;
    reportEveryDays: number | null;
    milestones: Milestone[];
  }
> & { references: References };

export type ReportProgress = MeasureCommandBase<
  'ReportProgress',
  { note: string; percent: number; attachmentIds?: string[] }
>;
export type RequestExtension = MeasureCommandBase<
  'RequestExtension',
  { requestId: string; newDueDate: CalendarDate; reason: string }
>;
export type ApproveExtension = MeasureCommandBase<
  'ApproveExtension',
  { requestId: string; opinion: string | null }
>;
export type RejectExtension = MeasureCommandBase<'RejectExtension', { requestId: string; reason: string }>;
export type SubmitCompletion = MeasureCommandBase<
  'SubmitCompletion',
  { summary: string; evidence: string | null; attachmentIds?: string[] }
>;
export type SignOff = MeasureCommandBase<'SignOff', { opinion: string | null }>;
export type ReturnMeasure = MeasureCommandBase<'ReturnMeasure', { reason: string }>;
export type ReopenMeasure = MeasureCommandBase<
  'ReopenMeasure',
  { reason: string; newDueDate: CalendarDate | null }
>;
export type CancelMeasure = MeasureCommandBase<'CancelMeasure', { reason: string }>;
export type RecordOutcome = MeasureCommandBase<'RecordOutcome', { outcomeId: string; title: string }>;

/** The file is already in the blob store; its hash and the type sniffed from its content come with it. */
export type AttachEvidence = MeasureCommandBase<
  'AttachEvidence',
  {
    attachmentId: string;
    fileName: string;
    mediaType: EvidenceMediaType;
    size: number;
    sha256: string;
    note: string | null;
  }
>;
export type WithdrawEvidence = MeasureCommandBase<
  'WithdrawEvidence',
  { attachmentId: string; reason: string }
>;

/** 催办, with the urging's id chosen by the caller (derived from the Idempotency-Key). */
export type UrgeMeasure = MeasureCommandBase<'UrgeMeasure', { urgeId: string; message: string }>;

/** 回头看 confirmed (确认未反弹): the finding; the reminders it answers are the decider's to work out. */
export type ConfirmLookBack = MeasureCommandBase<'ConfirmLookBack', { finding: string }>;

export type MeasureCommand =
  | AssignMeasure
  | UrgeMeasure
  | ConfirmLookBack
  | ReportProgress
  | RequestExtension
  | ApproveExtension
  | RejectExtension
  | SubmitCompletion
  | SignOff
  | ReturnMeasure
  | ReopenMeasure
  | CancelMeasure
  | RecordOutcome
  | AttachEvidence
  | WithdrawEvidence;
