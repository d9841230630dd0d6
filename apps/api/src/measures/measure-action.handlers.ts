import { Injectable } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  AssignedMeasure,
  MeasureCommand,
  measureDecider,
  MeasureEvent,
  MeasureState,
  streams,
} from '@tracker/domain';
import { EventSourcedWriter } from '@tracker/command-path';
import { idForCommand } from '@tracker/command-path';
import {
  ActionType,
  ApproveExtensionCommand,
  CancelMeasureCommand,
  MeasureActionCommand,
  RecordOutcomeCommand,
  RejectExtensionCommand,
  ReopenMeasureCommand,
  ReportProgressCommand,
  RequestExtensionCommand,
  ReturnMeasureCommand,
  SignOffCommand,
  SubmitCompletionCommand,
} from './measure.commands';

export interface MeasureActionOutcome {
  created: { requestId?: string; outcomeId?: string };
  state: AssignedMeasure;
  revision: bigint;
}

/** Ids that an action created, so a retry answers with the same ones. */
function createdIds(events: MeasureEvent[]): MeasureActionOutcome['created'] {
  const created: MeasureActionOutcome['created'] = {};
  for (const e of events) {
    if (e.type === 'ExtensionRequested') created.requestId = e.data.requestId;
    if (e.type === 'OutcomeRecorded') created.outcomeId = e.data.outcomeId;
  }
  return created;
}

/** Load the measure's stream, decide, append at the revision read: the same for every action. */
@Injectable()
export abstract class MeasureActionHandler<T extends ActionType> implements ICommandHandler<
  MeasureActionCommand<T>
> {
  constructor(private readonly writer: EventSourcedWriter) {}

  async execute(command: MeasureActionCommand<T>): Promise<MeasureActionOutcome> {
    const data = {
      ...command.input,
      ...(command.type === 'RequestExtension'
        ? { requestId: idForCommand(command.meta, 'extension-request', command.measureId) }
        : {}),
      ...(command.type === 'RecordOutcome'
        ? { outcomeId: idForCommand(command.meta, 'outcome', command.measureId) }
        : {}),
    };
    const outcome = await this.writer.write({
      streamName: streams.measure(command.measureId),
      decider: measureDecider,
      commandName: command.type,
      meta: command.meta,
      command: (context) => ({ type: command.type, data, context }) as MeasureCommand,
      result: (events) => createdIds(events),
    });
    return {
      created: outcome.result,
      state: outcome.state as Exclude<MeasureState, { status: 'unassigned' }>,
      revision: outcome.revision,
    };
  }
}

@CommandHandler(ReportProgressCommand)
export class ReportProgressHandler extends MeasureActionHandler<'ReportProgress'> {}
@CommandHandler(RequestExtensionCommand)
export class RequestExtensionHandler extends MeasureActionHandler<'RequestExtension'> {}
@CommandHandler(ApproveExtensionCommand)
export class ApproveExtensionHandler extends MeasureActionHandler<'ApproveExtension'> {}
@CommandHandler(RejectExtensionCommand)
export class RejectExtensionHandler extends MeasureActionHandler<'RejectExtension'> {}
@CommandHandler(SubmitCompletionCommand)
export class SubmitCompletionHandler extends MeasureActionHandler<'SubmitCompletion'> {}
@CommandHandler(SignOffCommand)
export class SignOffHandler extends MeasureActionHandler<'SignOff'> {}
@CommandHandler(ReturnMeasureCommand)
export class ReturnMeasureHandler extends MeasureActionHandler<'ReturnMeasure'> {}
@CommandHandler(ReopenMeasureCommand)
export class ReopenMeasureHandler extends MeasureActionHandler<'ReopenMeasure'> {}
@CommandHandler(CancelMeasureCommand)
export class CancelMeasureHandler extends MeasureActionHandler<'CancelMeasure'> {}
@CommandHandler(RecordOutcomeCommand)
export class RecordOutcomeHandler extends MeasureActionHandler<'RecordOutcome'> {}

export const MEASURE_ACTION_HANDLERS = [
  ReportProgressHandler,
  RequestExtensionHandler,
  ApproveExtensionHandler,
  RejectExtensionHandler,
  SubmitCompletionHandler,
  SignOffHandler,
  ReturnMeasureHandler,
  ReopenMeasureHandler,
  CancelMeasureHandler,
  RecordOutcomeHandler,
];
