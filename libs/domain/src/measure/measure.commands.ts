import { CalendarDate } from '../shared/calendar-date';
import { CommandContext } from '../shared/command-context';
import { References } from '../shared/references';
import { MeasureKind, Milestone } from './measure.events';

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

export type ReportProgress = MeasureCommandBase<'ReportProgress', { note: string; percent: number }>;
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
  { summary: string; evidence: string | null }
>;
export type SignOff = MeasureCommandBase<'SignOff', { opinion: string | null }>;
export type ReturnMeasure = MeasureCommandBase<'ReturnMeasure', { reason: string }>;
export type ReopenMeasure = MeasureCommandBase<
  'ReopenMeasure',
  { reason: string; newDueDate: CalendarDate | null }
>;
export type CancelMeasure = MeasureCommandBase<'CancelMeasure', { reason: string }>;
export type RecordOutcome = MeasureCommandBase<'RecordOutcome', { outcomeId: string; title: string }>;

export type MeasureCommand =
  | AssignMeasure
  | ReportProgress
  | RequestExtension
  | ApproveExtension
  | RejectExtension
  | SubmitCompletion
  | SignOff
  | ReturnMeasure
  | ReopenMeasure
  | CancelMeasure
  | RecordOutcome;
