import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Job } from 'bullmq';
import { Anchorer, openAuditKey, readAnchors } from '@tracker/audit';
import { Clock, CourtCalendar } from '@tracker/command-path';
import { SqliteEventStore } from '@tracker/event-store';
import { BulletinService } from './bulletin.service';
import { MaintenanceProcessor } from './maintenance.processor';
import { SCHEDULERS } from './queues';
import { ReconcileService } from './reconcile.service';

class SetClock extends Clock {
  constructor(public instant: Date) {
    super();
  }
  now(): Date {
    return this.instant;
  }
}

describe('the daily audit anchor job', () => {
  let dir: string;
  let store: SqliteEventStore;
  let clock: SetClock;
  let processor: MaintenanceProcessor;
  const run = () => processor.process({ name: SCHEDULERS.anchor } as Job);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'anchor-job-'));
    store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    clock = new SetClock(new Date('2026-03-01T16:05:00Z')); // 00:05 on 2 March, court time
    const { key } = openAuditKey(join(dir, 'audit-key.pem'), true);
    // This job touches neither the reconcile nor the bulletin.
    processor = new MaintenanceProcessor(
      {} as ReconcileService,
      {} as BulletinService,
      new Anchorer(store, clock, key),
      new CourtCalendar(clock, 'Asia/Shanghai'),
    );
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs one anchor per court day as the system, however often the job is retried that day', async () => {
    const first = await run();
    expect(await run()).toBe(first);
    clock.instant = new Date('2026-03-02T15:59:00Z'); // 23:59 the same court day
    expect(await run()).toBe(first);
    const [anchor] = await readAnchors(store);
    expect(anchor.statement).toMatchObject({ anchorId: first, trigger: 'schedule', sequence: 1 });

    clock.instant = new Date('2026-03-02T16:05:00Z'); // the next court day
    const next = await run();
    expect(next).not.toBe(first);
    expect((await readAnchors(store)).map((a) => a.statement.sequence)).toEqual([1, 2]);
    const [recorded] = await store.readStream('audit', { direction: 'backwards', maxCount: 1 });
    expect(recorded.metadata.actor).toEqual({ userId: 'system', role: 'system' });
  });
});
