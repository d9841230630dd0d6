import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { createHash } from 'node:crypto';
import { QUEUES } from './queues';
import { Push, WebhookJob } from './webhook-message';
import { WORKER_CONFIG, WorkerConfig } from './worker.config';

const DELIVERY_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 7 * 86_400 },
  removeOnFail: { age: 30 * 86_400 },
} as const;

/** A short, stable name for a receiver, so its job id never holds the URL (or its access token). */
const receiverTag = (url: string) => createHash('sha256').update(url).digest('hex').slice(0, 12);

/**
 * Queues a push for every ALERT_WEBHOOK_URL: one delivery job per receiver, so a failing robot
 * is retried on its own. The job id is derived from what is pushed (`key`) and the receiver,
 * so queuing the same push twice (a job delivered twice, the reconcile racing) adds one job.
 */
@Injectable()
export class WebhookDispatcher {
  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @InjectQueue(QUEUES.webhooks) private readonly webhooks: Queue<WebhookJob>,
  ) {}

  get enabled(): boolean {
    return this.config.alertWebhookUrls.length > 0;
  }

  get publicBaseUrl(): string | null {
    return this.config.publicBaseUrl;
  }

  async dispatch(key: string, push: Push): Promise<void> {
    const urls = this.config.alertWebhookUrls;
    if (urls.length === 0) return;
    await this.webhooks.addBulk(
      urls.map((url) => ({
        name: push.event,
        data: { url, push },
        opts: { ...DELIVERY_OPTIONS, jobId: `webhook-${key}-${receiverTag(url)}` },
      })),
    );
  }
}
