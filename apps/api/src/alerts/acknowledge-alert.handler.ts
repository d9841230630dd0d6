import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { alertDecider, streams } from '@tracker/domain';
import { CommandMeta } from '@tracker/command-path';
import { EventSourcedWriter } from '@tracker/command-path';

export class AcknowledgeAlertCommand {
  constructor(
    readonly measureId: string,
    readonly alertId: string,
    readonly meta: CommandMeta,
  ) {}
}

/** The recipient has seen the alert; recorded in the measure's stream beside the alert. */
@CommandHandler(AcknowledgeAlertCommand)
export class AcknowledgeAlertHandler implements ICommandHandler<AcknowledgeAlertCommand> {
  constructor(private readonly writer: EventSourcedWriter) {}

  async execute({ measureId, alertId, meta }: AcknowledgeAlertCommand) {
    const outcome = await this.writer.write({
      streamName: streams.measure(measureId),
      decider: alertDecider,
      commandName: 'AcknowledgeAlert',
      meta,
      command: (context) => ({ type: 'AcknowledgeAlert' as const, data: { alertId }, context }),
      result: () => undefined,
    });
    return outcome.revision;
  }
}
