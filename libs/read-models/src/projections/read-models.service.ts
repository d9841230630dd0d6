import { Logger } from '@nestjs/common';
import { EventStore, Subscription } from '@tracker/event-store';
import { AlertsView } from './alerts.view';
import { BoardProjection } from './board.projection';
import { BulletinsView } from './bulletins.view';
import { CatalogueView } from './catalogue.view';
import { CheckpointedProjection } from './checkpointed-projection';
import { DirectoryView } from './directory.view';
import { LedgerProjection } from './ledger.projection';
import { MeasuresProjection } from './measures.projection';
import { IssuedNoticesView } from './issued-notices.view';
import { NoticesView } from './notices.view';
import { ProjectionRunner } from './projection-runner';
import { ReadModelLock } from './read-model-lock';
import { ReadModelStore } from './read-model-store';
import { SummaryProjection } from './summary.projection';

const CATCH_UP_TIMEOUT_MS = 2_000;
/** Documents read in one slice after start: a few milliseconds, so a request waits no longer. */
const AFTER_START_SLICE = 500;
/** Keys of a dated history whose digests are read in one slice (about ten rows each). */
const HISTORY_SLICE = 100;

/** Every read model the API serves: each a checkpointed projection, all run by one runner. */
export interface ReadModelSet {
  directory: DirectoryView;
  catalogue: CatalogueView;
  alerts: AlertsView;
  bulletins: BulletinsView;
  notices: NoticesView;
  issuedNotices: IssuedNoticesView;
  measures: MeasuresProjection;
  board: BoardProjection;
  ledger: LedgerProjection;
  summary: SummaryProjection;
}

/**
 * What the worker alone reads: measure states to plan and record alerts, measure lines for the
 * bulletins' figures, which steps have their 督办单. No directory, board, ledger or summary: it
 * serves no page.
 */
export interface SchedulingReadModelSet {
  catalogue: CatalogueView;
  measures: MeasuresProjection;
  issuedNotices: IssuedNoticesView;
}

/** The worker's read models, built for the court's time zone. */
export function schedulingReadModelSet(timeZone: string): SchedulingReadModelSet {
  return {
    // A start sweeps only the measures touched since the last complete sweep (see ReconcileService).
    catalogue: new CatalogueView({ loading: 'on demand' }),
    measures: new MeasuresProjection(timeZone, { loading: 'on demand' }),
    issuedNotices: new IssuedNoticesView(),
  };
}

/** The API's read models, built for the court's time zone. */
export function readModelSet(timeZone: string): ReadModelSet {
  // What routes read by key, or walk only now and then, is read after the API serves.
  const loading = 'after start';
  const catalogue = new CatalogueView({ loading });
  // With the dated history the API's asOf reports read (the worker's measure model has none).
  const measures = new MeasuresProjection(timeZone, { history: true });
  return {
    directory: new DirectoryView(),
    catalogue,
    alerts: new AlertsView(catalogue, { loading }),
    bulletins: new BulletinsView(),
    notices: new NoticesView({ loading }),
    issuedNotices: new IssuedNoticesView({ loading }),
    measures,
    board: new BoardProjection(measures),
    ledger: new LedgerProjection(measures),
    summary: new SummaryProjection(measures),
  };
}

/**
 * The process's read models, served from their checkpoints: `start` loads what the read-model
 * file holds, applies only the events after each projection's checkpoint (a projection whose
 * version changed starts from zero alone), then follows the feed live. The HTTP edge waits
 * (bounded) with `catchUp` for a write's position before answering.
 *
 * One process saves a read-model file: two would each write only the documents they changed,
 * under their own checkpoint, and the file would mix positions. A process that finds the file
 * served by another live process (an API and a worker on one data directory) keeps its read
 * models in memory instead, folded from the first event.
 */
export class ReadModels {
  private readonly logger = new Logger(ReadModels.name);
  private runner: ProjectionRunner | null = null;
  private file: ReadModelStore | null = null;
  private subscription: Subscription | null = null;
  private waiters: { position: bigint; resolve: () => void }[] = [];
  private lock: ReadModelLock | null = null;
  private stopped = false;
  /** Set when the live subscription stopped on an error: the read models no longer follow the feed. */
  failure: string | null = null;
  /** Events applied by the last `start` before following live; 0 when every checkpoint was current. */
  appliedAtStart: number | null = null;

  constructor(
    private readonly store: EventStore,
    /** The process's read-model file in DATA_DIR, or ':memory:'. */
    private readonly filePath: string,
    private readonly projections: readonly CheckpointedProjection[],
  ) {}

  /** Resumes every projection from its checkpoint, then follows the feed live. Called once before serving. */
  async start(): Promise<void> {
    const started = performance.now();
    // Marked first, then checked: two processes starting together both step aside, never both write.
    this.lock = ReadModelLock.acquire(this.filePath);
    const others = ReadModelLock.liveHolders(this.filePath);
    let path = this.filePath;
    if (others.length > 0) {
      this.logger.warn(
        `${this.filePath} is served by process ${others.join(', ')}: this process keeps its read models in memory, folded from the first event`,
      );
      this.lock.release();
      this.lock = null;
      path = ':memory:';
    }
    this.file = new ReadModelStore(path);
    const runner = new ProjectionRunner(this.store, this.file, this.projections);
    this.runner = runner;
    await runner.open();
    this.appliedAtStart = await runner.catchUp();
    this.logger.log(
      `Read models resumed: ${this.appliedAtStart} event(s) applied at start in ${Math.round(performance.now() - started)} ms`,
    );
    this.subscription = this.store.subscribeToAll(
      { after: runner.position },
      (event) => {
        runner.apply(event);
        this.release(event.position);
      },
      (error) => {
        this.failure = String(error);
        this.logger.error(`Read model subscription stopped: ${this.failure}`);
      },
    );
    this.restRead = this.readRestAfterStart();
  }

  /** Settles once the tables read `after start` are all read (or the read models stopped first). */
  restRead: Promise<void> = Promise.resolve();

  /**
   * The documents of tables read `after start`, then the digests of the dated histories, a slice
   * between requests (each slice a few milliseconds), so the process answers before it has read
   * them and a route that walks them all (the inboxes, the notices, a court-wide asOf board) soon
   * finds them in memory.
   */
  private async readRestAfterStart(): Promise<void> {
    const started = performance.now();
    const slices = [
      ...this.projections
        .flatMap((p) => p.tables)
        .filter((t) => t.loading === 'after start')
        .map((t) => () => t.readSome(AFTER_START_SLICE)),
      ...this.projections.flatMap((p) => p.histories ?? []).map((h) => () => h.readSome(HISTORY_SLICE)),
    ];
    if (slices.length === 0) return;
    for (const readSlice of slices) {
      for (;;) {
        if (this.stopped) return;
        if (readSlice()) break;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    this.logger.log(
      `Read models: the rest read after start in ${Math.round(performance.now() - started)} ms`,
    );
  }

  /** Resolves once every event up to `position` is applied, or after a bounded wait. */
  async catchUp(position: bigint): Promise<void> {
    const reached = this.checkpoint;
    if (reached !== undefined && reached >= position) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.logger.warn(`Read models still behind position ${position} after ${CATCH_UP_TIMEOUT_MS} ms`);
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

  /** The position every read model has reached. */
  get checkpoint(): bigint | undefined {
    return this.runner?.position;
  }

  private release(position: bigint): void {
    if (this.waiters.length === 0) return;
    const ready = this.waiters.filter((w) => w.position <= position);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.position > position);
    ready.forEach((w) => w.resolve());
  }

  /** Saves what was applied and closes the read-model file. */
  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
    this.runner?.stop();
    this.stopped = true;
    this.file?.close();
    this.lock?.release();
    this.lock = null;
    this.waiters.forEach((w) => w.resolve());
    this.waiters = [];
  }
}
