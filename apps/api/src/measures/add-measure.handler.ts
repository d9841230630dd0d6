import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  AssignMeasure,
  campaignDecider,
  checkAssignment,
  CampaignEvent,
  measureDecider,
  notFound,
  streams,
} from '@tracker/domain';
import { EventSourcedWriter } from '@tracker/command-path';
import { idForCommand } from '@tracker/command-path';
import { CatalogueView } from '@tracker/read-models';
import { DirectoryView } from '@tracker/read-models';
import { AddMeasureCommand } from './measure.commands';

/**
 * 五定: a measure is numbered in its campaign's stream (so 1.1, 1.2… never collide), then its
 * own stream starts. Both writes carry the command's Idempotency-Key and derive the measure id
 * from it, so a retry after a failure between them completes the second write instead of
 * numbering twice.
 */
@CommandHandler(AddMeasureCommand)
export class AddMeasureHandler implements ICommandHandler<AddMeasureCommand> {
  constructor(
    private readonly writer: EventSourcedWriter,
    private readonly catalogue: CatalogueView,
    private readonly directory: DirectoryView,
  ) {}

  async execute({ problemId, data, meta }: AddMeasureCommand) {
    const problem = this.catalogue.problem(problemId);
    if (!problem) throw notFound('problem.not_found', '问题不存在', 'Problem not found');
    const measureId = idForCommand(meta, 'measure', problemId);
    const milestones = data.milestones.map((m, i) => ({ milestoneId: `m${i + 1}`, ...m }));
    const unnumbered = { measureId, campaignId: problem.campaignId, problemId, ...data, milestones };
    // Refuse bad input before a number is reserved for it.
    checkAssignment({ data: unnumbered, context: this.writer.contextFor(meta), references: this.directory });
    const assign = (number: string, context: AssignMeasure['context']): AssignMeasure => ({
      type: 'AssignMeasure',
      data: { ...unnumbered, number },
      context,
      references: this.directory,
    });

    const numbered = await this.writer.write({
      streamName: streams.campaign(problem.campaignId),
      decider: campaignDecider,
      commandName: 'AddMeasure',
      meta,
      command: (context) => ({
        type: 'AddMeasure' as const,
        data: {
          problemId,
          measureId,
          dueDate: data.dueDate,
          milestoneDates: data.milestones.map((m) => m.dueDate),
        },
        context,
      }),
      result: (events: CampaignEvent[]) => {
        const added = events.find((e) => e.type === 'MeasureAdded');
        if (added?.type !== 'MeasureAdded') throw new Error('AddMeasure recorded no MeasureAdded');
        return { number: added.data.number };
      },
    });
    const assigned = await this.writer.write({
      streamName: streams.measure(measureId),
      decider: measureDecider,
      commandName: 'AssignMeasure',
      meta: { ...meta, expectedRevision: undefined },
      command: (context) => assign(numbered.result.number, context),
      result: () => ({ id: measureId, number: numbered.result.number }),
    });
    return { ...assigned.result, revision: assigned.revision };
  }
}
