import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { decodeEvent } from '@tracker/domain';
import { EventStore, RecordedEvent, Subscription } from '@tracker/event-store';
import { EVENT_STORE } from '@tracker/event-store';
import { ProjectionRunner } from '../projections/projection-runner';
import { AlertsView } from './alerts.view';
import { BulletinsView } from './bulletins.view';
import { CatalogueView } from './catalogue.view';
import { DirectoryView } from './directory.view';

const CATCH_UP_TIMEOUT_MS = 2_000;
const BATCH = 1_000;

/**
 * Runs the in-process read models from the store's global feed: a catch-up read at start,
 * then a live subscription. Writers wait (bounded) for the feed to pass their write, so the
 * same client's next read shows it.
 */
@Injectable()
export class ReadModels implements OnModuleDestroy {
  private readonly logger = new Logger(ReadModels.name);
  private position: bigint | undefined;
  private subscription: Subscription | null = null;
  /** Set when the live subscription stopped on an error: the read models no longer follow the feed. */
  failure: string | null = null;
  private waiters: { position: bigint; resolve: () => void }[] = [];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    readonly directory: DirectoryView,
    readonly catalogue: CatalogueView,
    readonly alerts: AlertsView,
    readonly bulletins: BulletinsView,
    /** The checkpointed projections (board, ledger, summary): they skip what their checkpoints already hold. */
    private readonly checkpointed: ProjectionRunner,
  ) {}

  private get views() {
    // alerts after catalogue: it reads the measures the catalogue has just folded.
    return [this.directory, this.catalogue, this.alerts, this.bulletins];
  }

  /** Folds the whole history, then follows the feed live. Called once before serving. */
  async start(): Promise<void> {
    for (;;) {
      const batch = await this.store.readAll({ after: this.position, maxCount: BATCH });
      batch.forEach((e) => this.apply(e));
      if (batch.length < BATCH) break;
    }
    this.subscription = this.store.subscribeToAll(
      { after: this.position },
      (event) => this.apply(event),
      (error) => {
        this.failure = String(error);
        this.logger.error(`Read model subscription stopped: ${this.failure}`);
      },
    );
  }

  /** Resolves once every event up to `position` is applied, or after a bounded wait. */
  async catchUp(position: bigint): Promise<void> {
    if (this.position !== undefined && this.position >= position) return;
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

  get checkpoint(): bigint | undefined {
    return this.position;
  }

  private apply(event: RecordedEvent): void {
    // The catch-up read and the live subscription may overlap by a few events.
    if (this.position !== undefined && event.position <= this.position) return;
    const decoded = decodeEvent(event);
    if (decoded !== undefined) for (const view of this.views) view.apply(decoded, event);
    this.checkpointed.apply(event);
    this.position = event.position;
    const ready = this.waiters.filter((w) => w.position <= event.position);
    if (ready.length > 0) {
      this.waiters = this.waiters.filter((w) => w.position > event.position);
      ready.forEach((w) => w.resolve());
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.stop();
    this.waiters.forEach((w) => w.resolve());
    this.waiters = [];
  }
}
