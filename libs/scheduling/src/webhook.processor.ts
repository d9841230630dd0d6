import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { AlertData } from '@tracker/domain';
import { Job } from 'bullmq';
import { QUEUES } from './queues';
import { robotFailure, WebhookJob, webhookRequest } from './webhook-message';
import { WORKER_CONFIG, WorkerConfig } from './worker.config';

const TIMEOUT_MS = 10_000;

/**
 * Posts a push to one receiver (an OA system, a 企业微信 or 钉钉 robot) in ALERT_WEBHOOK_FORMAT.
 * A failure — a non-2xx answer, a robot's errcode, a timeout — throws, so BullMQ retries this
 * receiver's job with back-off; commands never wait for it.
 */
// Started by WorkerRuntime once the read models are folded.
@Processor(QUEUES.webhooks, { concurrency: 8, autorun: false })
export class WebhookProcessor extends WorkerHost {
  constructor(@Inject(WORKER_CONFIG) private readonly config: WorkerConfig) {
    super();
  }

  async process(job: Job<WebhookJob | AlertData>): Promise<void> {
    if (!('push' in job.data)) return this.legacy(job as Job<AlertData>);
    // Signed when sent, not when queued: DingTalk refuses a timestamp an hour old (a retry).
    const request = webhookRequest(
      this.config.alertWebhookFormat,
      job.data.push,
      job.data.url,
      this.config.alertWebhookSecret,
      new Date(),
    );
    const response = await fetch(request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'idempotency-key': String(job.id) },
      body: JSON.stringify(request.body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const failure = robotFailure(response.status, await response.text().catch(() => ''));
    if (failure) throw new Error(failure);
  }

  /** A job queued before each receiver had its own (the bare alert, as JSON): delivered as it was then. */
  private async legacy(job: Job<AlertData>): Promise<void> {
    for (const url of this.config.alertWebhookUrls) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': String(job.id) },
        body: JSON.stringify({ event: 'alert', ...job.data }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`Webhook answered ${response.status}`);
    }
  }
}
