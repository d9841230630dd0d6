import { Logger } from '@nestjs/common';
import { EventStore, RecordedEvent, Subscription } from '@tracker/event-store';
import { CheckpointedProjection } from './checkpointed-projection';
import { ReadModelStore } from './read-model-store';

const CATCH_UP_TIMEOUT_MS = 2_000;
/** Events read per query during catch-up. */
export const CATCH_UP_BATCH = 20_000;
/**
 * During catch-up, documents and checkpoints are written after this many events: a document
 * changed many times in between is written once, and a crash loses at most this much work.
 */
export const SAVE_EVERY = 100_000;
/** While following the feed live, write at most this long after an event was applied. */
const LIVE_FLUSH_DELAY_MS = 50;

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
  /** Last position applied (and, after a save, persisted); undefined before the first event. */
  checkpoint: bigint | undefined;
}

/**
 * Feeds checkpointed projections from the store's global feed: each resumes after its own
 * checkpoint, so an event is applied to each exactly once, and its documents are saved with
 * its checkpoint in one transaction. Catch-up reads big batches; live events are saved shortly
 * after they are applied. Queries read the projections' in-memory documents.
 */
export class ProjectionRunner {
  private readonly logger = new Logger(ProjectionRunner.name);
  private readonly tracked: Tracked[];
  private subscription: Subscription | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private waiters: { position: bigint; resolve: () => void }[] = [];
  private loaded = false;
  /** Set when live following stopped on an error. */
  failure: string | null = null;

  constructor(
    private readonly store: EventStore,
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
      if (lowest === undefined || checkpoint < lowest) lowest = checkpoint;
    }
    return lowest;
  }

  /** Loads what was persisted, catches up from the checkpoints, then follows the feed live. */
  async start(): Promise<void> {
    this.load();
    await this.catchUp();
    this.subscription = this.store.subscribeToAll(
      { after: this.position },
      (event) => this.applyLive(event),
      (error) => {
        this.failure = String(error);
        this.logger.error(`Projection subscription stopped: ${this.failure}`);
      },
    );
  }

  /** Reads every projection's documents and checkpoint from the store. Idempotent. */
  load(): void {
    if (this.loaded) return;
    for (const t of this.tracked) t.checkpoint = this.readModels.load(t.projection);
    this.loaded = true;
  }

  /** Forgets every projection's state, so the next catch-up rebuilds it from the first event. */
  reset(): void {
    for (const t of this.tracked) {
      this.readModels.reset(t.projection);
      t.checkpoint = undefined;
    }
    this.loaded = true;
  }

  /**
   * Applies the feed after the lowest checkpoint in batches, saving after each; returns how many
   * events were read. Each projection skips what it already has, so catching up twice changes nothing.
   */
  async catchUp(options: CatchUpOptions = {}): Promise<number> {
    this.load();
    const batchSize = options.batchSize ?? CATCH_UP_BATCH;
    const saveEvery = options.saveEvery ?? SAVE_EVERY;
    let applied = 0;
    let unsaved = 0;
    let after = this.position;
    try {
      while (!options.signal?.aborted) {
        const batch = await this.store.readAll({ after, maxCount: batchSize });
        if (batch.length === 0) break;
        for (const event of batch) this.apply(event);
        applied += batch.length;
        unsaved += batch.length;
        if (unsaved >= saveEvery) {
          this.save();
          unsaved = 0;
        }
        after = batch[batch.length - 1].position;
        options.onProgress?.({ applied, position: after });
        if (batch.length < batchSize) break;
      }
    } finally {
      if (unsaved > 0) this.save();
    }
    return applied;
  }

  /** Resolves once every projection has applied `position`, or after a bounded wait. */
  async waitFor(position: bigint): Promise<void> {
    const reached = this.position;
    if (reached !== undefined && reached >= position) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.logger.warn(`Projections still behind position ${position} after ${CATCH_UP_TIMEOUT_MS} ms`);
        resolve();
      }, CATCH_UP_TIMEOUT_MS);
      this.waiters.push({
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** Stops following the feed and saves what was applied. */
  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.save();
    this.waiters.forEach((w) => w.resolve());
    this.waiters = [];
  }

  private apply(event: RecordedEvent): void {
    for (const t of this.tracked) {
      // The catch-up read and the live subscription may overlap; checkpoints make that harmless.
      if (t.checkpoint !== undefined && event.position <= t.checkpoint) continue;
      t.projection.apply(event);
      t.checkpoint = event.position;
    }
  }

  private applyLive(event: RecordedEvent): void {
    this.apply(event);
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = null;
      this.save();
    }, LIVE_FLUSH_DELAY_MS);
    const ready = this.waiters.filter((w) => w.position <= event.position);
    if (ready.length > 0) {
      this.waiters = this.waiters.filter((w) => w.position > event.position);
      ready.forEach((w) => w.resolve());
    }
  }

  private save(): void {
    const saved = this.tracked.flatMap((t) =>
      t.checkpoint === undefined ? [] : [{ projection: t.projection, position: t.checkpoint }],
    );
    if (saved.length > 0) this.readModels.save(saved);
  }
}
