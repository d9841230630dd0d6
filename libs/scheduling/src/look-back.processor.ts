import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { LookBackRecorder } from './look-back-recorder';
import { LookBackJobData } from './look-back-scheduler';
import { QUEUES } from './queues';

/**
 * Fires a delayed 回头看 job. Delivery is at least once; the recorder re-checks the measure's
 * current sign-off and reviews and records the reminder at most once.
 */
// Started by WorkerRuntime once the read models are folded.
@Processor(QUEUES.lookBacks, { concurrency: 20, autorun: false })
export class LookBackProcessor extends WorkerHost {
  constructor(private readonly recorder: LookBackRecorder) {
    super();
  }

  async process(job: Job<LookBackJobData>): Promise<boolean> {
    return this.recorder.record(job.data.reminder, `job-${job.id}`);
  }
}
