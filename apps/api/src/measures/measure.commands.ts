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
    : T extends 'AttachEvidence'
      ? Omit<DataOf<T>, 'attachmentId'>
      : T extends 'UrgeMeasure'
        ? Omit<DataOf<T>, 'urgeId'>
        : DataOf<T>;

/** An action on an existing measure as the client asked for it: a domain command less its context. */
export type MeasureAction = { [T in ActionType]: { type: T; data: InputOf<T> } }[ActionType];

/**
 * Every action on an existing measure (report progress, sign off, reopen…) is this one command:
 * the domain's `decide` tells them apart, so there is one handler and no class per action.
 */
export class ActOnMeasure {
  constructor(
    readonly measureId: string,
    readonly action: MeasureAction,
    readonly meta: CommandMeta,
  ) {}
}
