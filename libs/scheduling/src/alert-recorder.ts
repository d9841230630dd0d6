import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { AlertData, alertDecider, SYSTEM_ACTOR, streams } from '@tracker/domain';
import { Queue } from 'bullmq';
import { EventSourcedWriter } from '@tracker/command-path';
import { CourtAlertSettings } from './alert-settings';
import { alertJobId, QUEUES } from './queues';
import { WORKER_CONFIG, WorkerConfig } from './worker.config';

/**
 * Records a due alert in the measure's stream as the system. The Idempotency-Key is derived
 * from the alert's identity, so a job delivered twice, or a job and the reconcile racing,
 * record it once: the writer answers the second from what the first recorded.
 */
@Injectable()
export class AlertRecorder {
  constructor(
    private readonly writer: EventSourcedWriter,
    private readonly settings: CourtAlertSettings,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @InjectQueue(QUEUES.webhooks) private readonly webhooks: Queue,
  ) {}

  /** True when the measure's stream holds the alert afterwards (now or from an earlier firing). */
  async record(alert: AlertData, cause: string): Promise<boolean> {
    const key = `alert-${alertJobId(alert.measureId, alert.alertId)}`;
    const outcome = await this.writer.write({
      streamName: streams.measure(alert.measureId),
      decider: alertDecider,
      commandName: 'RaiseAlert',
      meta: { actor: SYSTEM_ACTOR, idempotencyKey: key, correlationId: key, causationId: cause },
      command: (context) => ({ type: 'RaiseAlert' as const, data: alert, settings: this.settings, context }),
      result: (events): boolean => events.length > 0,
    });
    if (outcome.result && this.config.alertWebhookUrl) {
      // The job id makes a second notification of the same alert a no-op while the first is kept.
      await this.webhooks.add('alert', alert, {
        jobId: `webhook-${alertJobId(alert.measureId, alert.alertId)}`,
        attempts: 8,
        backoff: { type: 'exponential', delay: 2_000 },
        removeOnComplete: { age: 7 * 86_400 },
        removeOnFail: { age: 30 * 86_400 },
      });
    }
    return outcome.result;
  }
}
