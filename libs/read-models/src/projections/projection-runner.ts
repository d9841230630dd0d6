import { Logger } from '@nestjs/common';
import { decodeEvent } from '@tracker/domain';
import { EventStore, FeedEvent } from '@tracker/event-store';
import { CheckpointedProjection } from './checkpointed-projection';
import { Checkpoint, ReadModelStore } from './read-model-store';

/**
 * Events read per query during catch-up. Small enough that a batch dies young: with 20,000 the
 * batch outlived several scavenges and copying it cost about 15 % of a rebuild.
 */
export const CATCH_UP_BATCH = 5_000;
/**
 * Documents and checkpoints are written after this many events: a document changed many times
 * in between is written once, and a crash loses at most this much work (redone on restart).
 */
export const SAVE_EVERY = 250_000;
/** While following the feed live, write at most this long after an event was applied. */
const LIVE_SAVE_DELAY_MS = 50;

/** What the runner reads of the event store: the feed, and the id of the event at a checkpoint. */
export interface FeedReader {
  readFeed: EventStore['readFeed'];
  eventAt(position: bigint): Promise<{ eventId: string } | undefined>;
}

export interface CatchUpOptions {
  batchSize?: number;
  /** Events applied between saves; default SAVE_EVERY. */
  saveEvery?: number;
  /** Called after each batch is applied. */
  onProgress?: (progress: { applied: number; position: bigint }) => void;
  /** Checked between batches: a stopped catch-up saves everything it applied before returning. */
  signal?: AbortSignal;
}

interface Tracked {
  projection: CheckpointedProjection;
  /** Last event applied (and, after a save, persisted); undefined before the first event. */
  checkpoint: Checkpoint | undefined;
}

/**
 * Feeds checkpointed projections from the global feed. Each resumes after its own checkpoint,
 * so an event is applied to each exactly once however often the feed is re-read, and its
 * documents are saved with its checkpoint in one transaction. `catchUp` reads big batches from
 * the lowest checkpoint (at start, and in the rebuild command and the bench); `ReadModels` then
 * feeds it live events one by one. Queries read the projections' in-memory documents.
 */
export class ProjectionRunner {
  readonly name = 'checkpointed';
  private readonly logger = new Logger(ProjectionRunner.name);
  private readonly tracked: Tracked[];
  private saveTimer: NodeJS.Timeout | null = null;
  private unsaved = 0;
  private loaded = false;
  private stopped = false;

  constructor(
    private readonly store: FeedReader,
    private readonly readModels: ReadModelStore,
    projections: readonly CheckpointedProjection[],
  ) {
    this.tracked = projections.map((projection) => ({ projection, checkpoint: undefined }));
  }

  /** The position every projection has reached (the lowest checkpoint). */
  get position(): bigint | undefined {
    let lowest: bigint | undefined;
    for (const { checkpoint } of this.tracked) {
      if (checkpoint === undefined) return undefined;
      if (lowest === undefined || checkpoint.position < lowest) lowest = checkpoint.position;
    }
    return lowest;
  }

  /**
   * Loads what was saved and checks each checkpoint against the event store: a checkpoint whose
   * event is not there (the store was restored from an older backup, or replaced) cannot be
   * resumed from, and that projection starts again from zero.
   */
  async open(): Promise<void> {
    this.load();
    for (const t of this.tracked) {
      if (t.checkpoint === undefined) continue;
      const event = await this.store.eventAt(t.checkpoint.position);
      if (event?.eventId === t.checkpoint.eventId) continue;
      this.logger.warn(
        `Projection ${t.projection.name}: checkpoint ${t.checkpoint.position} is not in the event store; rebuilding it`,
      );
      this.readModels.reset(t.projection);
      t.checkpoint = undefined;
    }
  }

  /** Reads every projection's documents and checkpoint from the store, once. */
  load(): void {
    if (this.loaded) return;
    this.readModels.retireAllBut(this.tracked.map((t) => t.projection));
    for (const t of this.tracked) t.checkpoint = this.readModels.load(t.projection);
    this.loaded = true;
  }

  /** Forgets every projection's state, so the next catch-up rebuilds it from the first event. */
  reset(): void {
    this.readModels.retireAllBut(this.tracked.map((t) => t.projection));
    for (const t of this.tracked) {
      this.readModels.reset(t.projection);
      t.checkpoint = undefined;
    }
    this.loaded = true;
  }

  /** One event from a feed that may repeat what the checkpoints hold; saved shortly after. */
  apply(event: FeedEvent): void {
    // After stop the file is closed; anything not saved is applied again after the restart.
    if (this.stopped) return;
    this.load();
    if (!this.applyToEach(event)) return;
    this.unsaved += 1;
    if (this.unsaved >= SAVE_EVERY) this.save();
    else this.saveTimer ??= setTimeout(() => this.save(), LIVE_SAVE_DELAY_MS);
  }

  /**
   * Applies the feed after the lowest checkpoint in batches; returns how many events were read.
   * Each projection skips what it already has, so catching up twice changes nothing.
   */
  async catchUp(options: CatchUpOptions = {}): Promise<number> {
    this.load();
    const batchSize = options.batchSize ?? CATCH_UP_BATCH;
    const saveEvery = options.saveEvery ?? SAVE_EVERY;
    let applied = 0;
    let after = this.position;
    this.readModels.usePageCacheForCatchUp(true);
    try {
      while (!options.signal?.aborted) {
        const batch = await this.store.readFeed({ after, maxCount: batchSize });
        if (batch.length === 0) break;
        for (const event of batch) this.applyToEach(event);
        applied += batch.length;
        this.unsaved += batch.length;
        if (this.unsaved >= saveEvery) this.save();
        after = batch[batch.length - 1].position;
        options.onProgress?.({ applied, position: after });
        if (batch.length < batchSize) break;
      }
    } finally {
      this.save();
      this.readModels.usePageCacheForCatchUp(false);
    }
    return applied;
  }

  /** Saves what was applied and ignores any later event. */
  stop(): void {
    this.save();
    this.stopped = true;
  }

  /** False when every projection already had the event. */
  private applyToEach(recorded: FeedEvent): boolean {
    let applied = false;
    // Decoded once for every projection; an event of a type this release does not know still moves the checkpoints.
    const event = decodeEvent(recorded);
    for (const t of this.tracked) {
      if (t.checkpoint !== undefined && recorded.position <= t.checkpoint.position) continue;
      if (event !== undefined) t.projection.apply(event, recorded);
      // The event is its own checkpoint (it has the position and id): nothing allocated per event.
      t.checkpoint = recorded;
      applied = true;
    }
    return applied;
  }

  private save(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (this.unsaved === 0 || this.stopped) return;
    const saved = this.tracked.flatMap((t) =>
      t.checkpoint === undefined ? [] : [{ projection: t.projection, checkpoint: t.checkpoint }],
    );
    if (saved.length > 0) this.readModels.save(saved);
    this.unsaved = 0;
  }
}
