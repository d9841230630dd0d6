import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { LookBackDue, lookBackDecider, streams, SYSTEM_ACTOR } from '@tracker/domain';
import { EventSourcedWriter } from '@tracker/command-path';
import { DirectoryView } from '@tracker/read-models';
import { CourtLookBackSettings } from './look-back-settings';
import { lookBackPush } from './look-back-push';
import { lookBackJobId } from './queues';
import { WebhookDispatcher } from './webhook-dispatcher';

/**
 * Records a due 回头看 reminder in the measure's stream as the system, with an Idempotency-Key
 * derived from the reminder (measure, review id): a job delivered twice, or a job and the reconcile
 * racing, record it once — the writer answers the second from what the first recorded, and the
 * decider records nothing for a reminder already in the stream under another key.
 */
@Injectable()
export class LookBackRecorder {
  private readonly logger = new Logger(LookBackRecorder.name);

  constructor(
    private readonly writer: EventSourcedWriter,
    private readonly settings: CourtLookBackSettings,
    private readonly pushes: WebhookDispatcher,
    // Not in a worker-only process (its read models are the scheduling set): names fall back to ids.
    @Optional() @Inject(DirectoryView) private readonly directory: DirectoryView | null,
  ) {}

  /** True when this call recorded the reminder (false: recorded before, or no longer called for). */
  async record(reminder: LookBackDue['data'], cause: string): Promise<boolean> {
    const key = `lookback-${lookBackJobId(reminder.measureId, reminder.reviewId)}`;
    const outcome = await this.writer.write({
      streamName: streams.measure(reminder.measureId),
      decider: lookBackDecider,
      commandName: 'RaiseLookBack',
      meta: { actor: SYSTEM_ACTOR, idempotencyKey: key, correlationId: key, causationId: cause },
      command: (context) => ({
        type: 'RaiseLookBack' as const,
        data: reminder,
        settings: this.settings,
        context,
      }),
      result: (events): boolean => events.length > 0,
    });
    if (outcome.result && this.pushes.enabled && outcome.state.status !== 'unassigned') {
      const measure = outcome.state;
      // Keyed on the reminder: a second dispatch of it queues nothing more.
      await this.pushes
        .dispatch(
          lookBackJobId(reminder.measureId, reminder.reviewId),
          lookBackPush(
            reminder,
            measure,
            {
              department: this.directory?.department(measure.departmentId)?.name ?? null,
              leader: this.directory?.user(measure.responsibleLeaderId)?.displayName ?? null,
            },
            this.pushes.publicBaseUrl,
          ),
        )
        .catch((error) =>
          this.logger.error(`Queuing the push of a look-back reminder failed: ${String(error)}`),
        );
    }
    return outcome.result;
  }
}
