import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { AlertData, alertDecider, isAlertRaised, SYSTEM_ACTOR, streams } from '@tracker/domain';
import { EventSourcedWriter } from '@tracker/command-path';
import { DirectoryView } from '@tracker/read-models';
import { CourtAlertSettings } from './alert-settings';
import { NoticeIssuer } from './notice-issuer';
import { alertPush } from './pushes';
import { alertJobId } from './queues';
import { WebhookDispatcher } from './webhook-dispatcher';

/**
 * Records a due alert in the measure's stream as the system. The Idempotency-Key is derived
 * from the alert's identity, so a job delivered twice, or a job and the reconcile racing,
 * record it once: the writer answers the second from what the first recorded.
 */
@Injectable()
export class AlertRecorder {
  private readonly logger = new Logger(AlertRecorder.name);
  constructor(
    private readonly writer: EventSourcedWriter,
    private readonly settings: CourtAlertSettings,
    private readonly pushes: WebhookDispatcher,
    private readonly notices: NoticeIssuer,
    // Not in a worker-only process (its read models are the scheduling set): names fall back to ids.
    @Optional() @Inject(DirectoryView) private readonly directory: DirectoryView | null,
  ) {}

  /**
   * How many steps were recorded (the alert, and any earlier step still missing, first) and the
   * position of the last. A second delivery of the same alert answers from what the first recorded
   * (the same count), and queues its notices and pushes again, once each by their keys.
   */
  async record(
    alert: Pick<AlertData, 'measureId' | 'alertId'>,
    cause: string,
  ): Promise<{ recorded: number; position: bigint | null }> {
    const key = `alert-${alertJobId(alert.measureId, alert.alertId)}`;
    const outcome = await this.writer.write({
      streamName: streams.measure(alert.measureId),
      decider: alertDecider,
      commandName: 'RaiseAlert',
      meta: { actor: SYSTEM_ACTOR, idempotencyKey: key, correlationId: key, causationId: cause },
      command: (context) => ({
        type: 'RaiseAlert' as const,
        data: { measureId: alert.measureId, alertId: alert.alertId },
        settings: this.settings,
        context,
      }),
      result: (events): AlertData[] => events.filter(isAlertRaised).map((e) => e.data),
    });
    const state = outcome.state;
    for (const step of outcome.result) {
      // Not awaited: a year's notices all go to one stream (numbered in shared appends), and a job
      // waiting for it would hold one of the processor's slots while the alerts due behind it
      // wait. A notice this process fails to issue (or dies before issuing) is issued by the
      // reconcile, which runs at every start and daily.
      if (state.status !== 'unassigned') {
        this.notices
          .issueFor(step, state)
          .catch((error) =>
            this.logger.error(`Issuing the notice of ${step.alertId} failed: ${String(error)}`),
          );
      }
      if (!this.pushes.enabled) continue;
      const department =
        state.status === 'unassigned' ? undefined : this.directory?.department(state.departmentId);
      // Keyed on the alert, so a second notification of the same alert is a no-op while the first is kept.
      await this.pushes.dispatch(
        alertJobId(step.measureId, step.alertId),
        alertPush(step, state, department?.name ?? null, this.pushes.publicBaseUrl),
      );
    }
    return { recorded: outcome.result.length, position: outcome.position };
  }
}
