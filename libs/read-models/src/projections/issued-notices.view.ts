import { Injectable } from '@nestjs/common';
import { TrackerEvent } from '@tracker/domain';
import { CheckpointedProjection } from './checkpointed-projection';
import { DocumentTable, DocumentTableOptions } from './document-table';

/**
 * Which steps already have their 督办单: the notice's id by the step it answers (`sourceId`). The
 * worker's start-up sweep asks it first, so it does not read the year's notice stream (tens of
 * thousands of events in a province) only to learn that every notice is there.
 */
@Injectable()
export class IssuedNoticesView implements CheckpointedProjection {
  readonly name = 'issued_notices';
  readonly version = 1;
  readonly sources: DocumentTable<string>;
  readonly tables: CheckpointedProjection['tables'];

  constructor(options: DocumentTableOptions = {}) {
    this.sources = new DocumentTable<string>('sources', undefined, options);
    this.tables = [this.sources];
  }

  apply(event: TrackerEvent): void {
    if (event.type === 'NoticeIssued') this.sources.set(event.data.sourceId, event.data.noticeId);
  }

  /** The notice issued for a step, if this view has seen it (it may lag the store, never lead it). */
  noticeFor(sourceId: string): string | undefined {
    return this.sources.get(sourceId);
  }
}
