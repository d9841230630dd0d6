import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { AlertRecorder } from './alert-recorder';
import { AlertJobData } from './alert-scheduler';
import { QUEUES } from './queues';

/** Each job is a short store round trip; enough run at once to keep a burst of deadlines on time. */
const ALERT_CONCURRENCY = 200;

/**
 * Fires a delayed alert job. Delivery is at least once; the recorder re-checks the measure's
 * current state and deadline version and records the alert at most once.
 */
// Started by WorkerRuntime once the read models are folded.
@Processor(QUEUES.alerts, { concurrency: ALERT_CONCURRENCY, autorun: false })
export class AlertProcessor extends WorkerHost {
  constructor(private readonly recorder: AlertRecorder) {
    super();
  }

  async process(job: Job<AlertJobData>): Promise<number> {
    return (await this.recorder.record(job.data.alert, `job-${job.id}`)).recorded;
  }
}
