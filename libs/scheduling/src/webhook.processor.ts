import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { AlertData } from '@tracker/domain';
import { Job } from 'bullmq';
import { QUEUES } from './queues';
import { WORKER_CONFIG, WorkerConfig } from './worker.config';

const TIMEOUT_MS = 10_000;

/**
 * Posts an alert to ALERT_WEBHOOK_URL (an OA system or a messaging robot). A failure throws,
 * so BullMQ retries with back-off; commands never wait for it.
 */
// Started by WorkerRuntime once the read models are folded.
@Processor(QUEUES.webhooks, { concurrency: 8, autorun: false })
export class WebhookProcessor extends WorkerHost {
  constructor(@Inject(WORKER_CONFIG) private readonly config: WorkerConfig) {
    super();
  }

  async process(job: Job<AlertData>): Promise<void> {
    if (!this.config.alertWebhookUrl) return;
    const response = await fetch(this.config.alertWebhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': String(job.id) },
      body: JSON.stringify({ event: 'alert', ...job.data }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`Webhook answered ${response.status}`);
  }
}
