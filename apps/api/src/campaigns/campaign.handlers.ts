import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { campaignDecider, CampaignEvent, streams } from '@tracker/domain';
import { EventSourcedWriter } from '@tracker/command-path';
import { idForCommand } from '@tracker/command-path';
import { DirectoryView } from '@tracker/read-models';
import { LaunchCampaignCommand, RecordProblemCommand } from './campaign.commands';

@CommandHandler(LaunchCampaignCommand)
export class LaunchCampaignHandler implements ICommandHandler<LaunchCampaignCommand> {
  constructor(private readonly writer: EventSourcedWriter) {}

  async execute({ data, meta }: LaunchCampaignCommand) {
    const campaignId = idForCommand(meta, 'campaign', 'campaigns');
    const outcome = await this.writer.write({
      streamName: streams.campaign(campaignId),
      decider: campaignDecider,
      commandName: 'LaunchCampaign',
      meta,
      command: (context) => ({ type: 'LaunchCampaign' as const, data: { campaignId, ...data }, context }),
      result: () => ({ id: campaignId }),
    });
    return { ...outcome.result, revision: outcome.revision };
  }
}

@CommandHandler(RecordProblemCommand)
export class RecordProblemHandler implements ICommandHandler<RecordProblemCommand> {
  constructor(
    private readonly writer: EventSourcedWriter,
    private readonly directory: DirectoryView,
  ) {}

  async execute({ campaignId, data, meta }: RecordProblemCommand) {
    const problemId = idForCommand(meta, 'problem', campaignId);
    const outcome = await this.writer.write({
      streamName: streams.campaign(campaignId),
      decider: campaignDecider,
      commandName: 'RecordProblem',
      meta,
      command: (context) => ({
        type: 'RecordProblem' as const,
        data: { problemId, ...data },
        context,
        references: this.directory,
      }),
      result: (events: CampaignEvent[]) => {
        const recorded = events.find((e) => e.type === 'ProblemRecorded');
        return recorded?.type === 'ProblemRecorded'
          ? { id: recorded.data.problemId, number: recorded.data.number }
          : { id: problemId };
      },
    });
    return { ...outcome.result, revision: outcome.revision };
  }
}
