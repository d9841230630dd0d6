import { TrackerEvent } from '@tracker/domain';
import { FeedEvent } from '@tracker/event-store';
import { DocumentTable } from './document-table';
import { StoredHistory } from './history-table';

/**
 * A read model folded from the global feed that survives restarts: its documents and its
 * checkpoint (the position of the last event applied) are persisted together, so on start it
 * resumes after the checkpoint and applies each event exactly once. The runner owns the feed,
 * the checkpoint and persistence; the projection only folds.
 */
export interface CheckpointedProjection {
  readonly name: string;
  /** Bump when the documents' shape changes: a stored version that differs is rebuilt from zero. */
  readonly version: number;
  readonly tables: readonly DocumentTable<unknown>[];
  /** Dated histories kept on disk and read by query, saved with the tables (see `HistoryTable`). */
  readonly histories?: readonly StoredHistory[];
  /**
   * Folds one decoded event; `recorded` carries where and when it was recorded (stream, revision,
   * position, metadata). Must ignore event types it does not handle.
   */
  apply(event: TrackerEvent, recorded: FeedEvent): void;
  /** Called after its documents were loaded or cleared: rebuild any in-memory index of them. */
  reindex?(): void;
}
