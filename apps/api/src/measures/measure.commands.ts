import { AssignMeasure, MeasureCommand, Milestone } from '@tracker/domain';
import { CommandMeta } from '@tracker/command-path';

export class AddMeasureCommand {
  constructor(
    readonly problemId: string,
    /** 五定 as the client gave them; ids, number and milestone ids are the handler's. */
    readonly data: Omit<
      AssignMeasure['data'],
      'measureId' | 'campaignId' | 'problemId' | 'number' | 'milestones'
    > & {
      milestones: Omit<Milestone, 'milestoneId'>[];
    },
    readonly meta: CommandMeta,
  ) {}
}

export type ActionType = Exclude<MeasureCommand['type'], 'AssignMeasure'>;
type DataOf<T extends ActionType> = Extract<MeasureCommand, { type: T }>['data'];
/** Ids of things an action creates (an extension request, an outcome) are chosen by its handler. */
export type InputOf<T extends ActionType> = T extends 'RequestExtension'
  ? Omit<DataOf<T>, 'requestId'>
  : T extends 'RecordOutcome'
    ? Omit<DataOf<T>, 'outcomeId'>
    : DataOf<T>;

/** A command on an existing measure, named after the domain command it becomes. */
export abstract class MeasureActionCommand<T extends ActionType = ActionType> {
  abstract readonly type: T;
  constructor(
    readonly measureId: string,
    readonly input: InputOf<T>,
    readonly meta: CommandMeta,
  ) {}
}

export class ReportProgressCommand extends MeasureActionCommand<'ReportProgress'> {
  readonly type = 'ReportProgress';
}
export class RequestExtensionCommand extends MeasureActionCommand<'RequestExtension'> {
  readonly type = 'RequestExtension';
}
export class ApproveExtensionCommand extends MeasureActionCommand<'ApproveExtension'> {
  readonly type = 'ApproveExtension';
}
export class RejectExtensionCommand extends MeasureActionCommand<'RejectExtension'> {
  readonly type = 'RejectExtension';
}
export class SubmitCompletionCommand extends MeasureActionCommand<'SubmitCompletion'> {
  readonly type = 'SubmitCompletion';
}
export class SignOffCommand extends MeasureActionCommand<'SignOff'> {
  readonly type = 'SignOff';
}
export class ReturnMeasureCommand extends MeasureActionCommand<'ReturnMeasure'> {
  readonly type = 'ReturnMeasure';
}
export class ReopenMeasureCommand extends MeasureActionCommand<'ReopenMeasure'> {
  readonly type = 'ReopenMeasure';
}
export class CancelMeasureCommand extends MeasureActionCommand<'CancelMeasure'> {
  readonly type = 'CancelMeasure';
}
export class RecordOutcomeCommand extends MeasureActionCommand<'RecordOutcome'> {
  readonly type = 'RecordOutcome';
}
