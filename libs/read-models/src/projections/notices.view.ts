import { Injectable } from '@nestjs/common';
import { NoticeIssued, NoticeReplied, TrackerEvent } from '@tracker/domain';
import { FeedEvent } from '@tracker/event-store';
import { CheckpointedProjection } from './checkpointed-projection';
import { DocumentTable, DocumentTableOptions } from './document-table';

/** A 督办单 as issued, with its receipt (签收) and reply (回复) once recorded. */
export type NoticeRecord = NoticeIssued['data'] & {
  issuedAt: string;
  receipt: { receivedBy: string; receivedOn: string; receivedAt: string } | null;
  reply: (Omit<NoticeReplied['data'], 'noticeId'> & { repliedAt: string }) | null;
};

/** 督办单 issued so far, newest first; each with where it stands. */
@Injectable()
export class NoticesView implements CheckpointedProjection {
  readonly name = 'notices';
  readonly version = 1;
  readonly notices: DocumentTable<NoticeRecord>;
  readonly tables: CheckpointedProjection['tables'];

  constructor(options: DocumentTableOptions = {}) {
    this.notices = new DocumentTable<NoticeRecord>('notices', undefined, options);
    this.tables = [this.notices];
  }

  apply(event: TrackerEvent, recorded: FeedEvent): void {
    const at = recorded.metadata.recordedAt;
    switch (event.type) {
      case 'NoticeIssued':
        this.notices.set(event.data.noticeId, { ...event.data, issuedAt: at, receipt: null, reply: null });
        return;
      case 'NoticeReceived': {
        const notice = this.notices.get(event.data.noticeId);
        if (!notice) return;
        const { receivedBy, receivedOn } = event.data;
        this.notices.set(notice.noticeId, { ...notice, receipt: { receivedBy, receivedOn, receivedAt: at } });
        return;
      }
      case 'NoticeReplied': {
        const notice = this.notices.get(event.data.noticeId);
        if (!notice) return;
        const { noticeId: _n, ...reply } = event.data;
        this.notices.set(notice.noticeId, { ...notice, reply: { ...reply, repliedAt: at } });
        return;
      }
      default:
        return;
    }
  }

  list(): NoticeRecord[] {
    return [...this.notices.values()].sort((a, b) => b.year - a.year || b.number - a.number);
  }

  get(id: string): NoticeRecord | undefined {
    return this.notices.get(id);
  }
}
