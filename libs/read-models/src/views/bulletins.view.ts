import { Injectable } from '@nestjs/common';
import { BulletinIssued, TrackerEvent } from '@tracker/domain';
import { RecordedEvent } from '@tracker/event-store';
import { Projection } from './projection';

export interface BulletinRecord extends Omit<BulletinIssued['data'], 'lines'> {
  lines: BulletinIssued['data']['lines'];
  issuedAt: string;
}

/** 督办通报 issued so far, newest first. */
@Injectable()
export class BulletinsView implements Projection {
  readonly name = 'bulletins';
  private readonly bulletins = new Map<string, BulletinRecord>();

  apply(event: TrackerEvent, recorded: RecordedEvent): void {
    if (event.type !== 'BulletinIssued') return;
    const { data } = event;
    this.bulletins.set(data.bulletinId, { ...data, issuedAt: recorded.metadata.recordedAt });
  }

  list(): BulletinRecord[] {
    return [...this.bulletins.values()].sort((a, b) => b.asOf.localeCompare(a.asOf));
  }

  get(id: string): BulletinRecord | undefined {
    return this.bulletins.get(id);
  }
}
