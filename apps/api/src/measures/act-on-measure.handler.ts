import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  AssignedMeasure,
  CommandContext,
  MeasureCommand,
  measureDecider,
  MeasureEvent,
  streams,
} from '@tracker/domain';
import { CommandMeta, EventSourcedWriter, idForCommand } from '@tracker/command-path';
import { ActOnMeasure, MeasureAction } from './measure.commands';

export interface MeasureActionOutcome {
  created: { requestId?: string; outcomeId?: string; attachmentId?: string; urgeId?: string };
  state: AssignedMeasure;
  revision: bigint;
}

/** The domain command for an action: ids of what it creates (a request, an outcome) derive from the key. */
function domainCommand(
  action: MeasureAction,
  measureId: string,
  meta: CommandMeta,
  context: CommandContext,
): MeasureCommand {
  switch (action.type) {
    case 'RequestExtension':
      return {
        ...action,
        data: { ...action.data, requestId: idForCommand(meta, 'extension-request', measureId) },
        context,
      };
    case 'RecordOutcome':
      return {
        ...action,
        data: { ...action.data, outcomeId: idForCommand(meta, 'outcome', measureId) },
        context,
      };
    case 'AttachEvidence':
      return {
        ...action,
        data: { ...action.data, attachmentId: idForCommand(meta, 'attachment', measureId) },
        context,
      };
    case 'UrgeMeasure':
      return {
        ...action,
        data: { ...action.data, urgeId: idForCommand(meta, 'urge', measureId) },
        context,
      };
    default:
      return { ...action, context };
  }
}

/** Ids that an action created, so a retry answers with the same ones. */
function createdIds(events: MeasureEvent[]): MeasureActionOutcome['created'] {
  const created: MeasureActionOutcome['created'] = {};
  for (const e of events) {
    if (e.type === 'ExtensionRequested') created.requestId = e.data.requestId;
    if (e.type === 'OutcomeRecorded') created.outcomeId = e.data.outcomeId;
    if (e.type === 'EvidenceAttached') created.attachmentId = e.data.attachmentId;
    if (e.type === 'MeasureUrged') created.urgeId = e.data.urgeId;
  }
  return created;
}

/** Load the measure's stream, decide, append at the revision read: the same for every action. */
@CommandHandler(ActOnMeasure)
export class ActOnMeasureHandler implements ICommandHandler<ActOnMeasure> {
  constructor(private readonly writer: EventSourcedWriter) {}

  async execute({ measureId, action, meta }: ActOnMeasure): Promise<MeasureActionOutcome> {
    const outcome = await this.writer.write({
      streamName: streams.measure(measureId),
      decider: measureDecider,
      commandName: action.type,
      meta,
      command: (context) => domainCommand(action, measureId, meta, context),
      result: (events) => createdIds(events),
    });
    // decide refuses every action on a measure that was never assigned, so the state is an assigned one.
    if (outcome.state.status === 'unassigned') throw new Error(`measure ${measureId} is not assigned`);
    return { created: outcome.result, state: outcome.state, revision: outcome.revision };
  }
}
