import { Injectable } from '@nestjs/common';
import { BulletinIssued, TrackerEvent } from '@tracker/domain';
import { FeedEvent } from '@tracker/event-store';
import { CheckpointedProjection } from './checkpointed-projection';
import { DocumentTable } from './document-table';

export type BulletinRecord = BulletinIssued['data'] & { issuedAt: string };

/** 督办通报 issued so far, newest first. */
@Injectable()
export class BulletinsView implements CheckpointedProjection {
  readonly name = 'bulletins';
  /** 2: bulletins are numbered (第N期) and name the overdue measures. */
  readonly version = 2;
  readonly bulletins = new DocumentTable<BulletinRecord>('bulletins');
  readonly tables = [this.bulletins];

  apply(event: TrackerEvent, recorded: FeedEvent): void {
    if (event.type !== 'BulletinIssued') return;
    this.bulletins.set(event.data.bulletinId, { ...event.data, issuedAt: recorded.metadata.recordedAt });
  }

  /** Newest first: by year and number; bulletins issued before numbering after them, newest period first. */
  list(): BulletinRecord[] {
    return [...this.bulletins.values()].sort(
      (a, b) =>
        (b.year ?? 0) - (a.year ?? 0) || (b.number ?? 0) - (a.number ?? 0) || b.asOf.localeCompare(a.asOf),
    );
  }

  get(id: string): BulletinRecord | undefined {
    return this.bulletins.get(id);
  }
}
