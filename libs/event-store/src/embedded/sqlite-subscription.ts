import { AsyncLocalStorage } from 'node:async_hooks';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { reportSubscriptionError } from '../adapter-rules';
import { RecordedEvent } from '../event';
import { AllFilter, EventHandler, SubscribeOptions, Subscription } from '../event-store.port';

/** What a subscription needs from the store it reads. */
export interface FeedSource {
  /**
   * Up to `limit` matching events after `after`, and the position up to which the feed has
   * been scanned: the last event's position for a full batch, otherwise the end of the feed,
   * so a selective filter does not rescan the same non-matching events on every poll.
   */
  readBatch(
    after: bigint,
    filter: AllFilter | undefined,
    limit: number,
  ): { events: RecordedEvent[]; scannedTo: bigint };
  /** Calls `listener` after each append made through this process's store; returns the unsubscribe. */
  onAppend(listener: () => void): () => void;
  /** How often to look for events written by other processes sharing the file. */
  readonly pollIntervalMs: number;
}

const BATCH_SIZE = 500;

/** Which subscription's handler is running, so a handler that stops its own subscription is not deadlocked. */
const delivering = new AsyncLocalStorage<SqliteSubscription>();

/**
 * A catch-up subscription over the embedded store: reads batches after its checkpoint, awaits
 * the handler for each event in order, and when caught up sleeps until a local append wakes it
 * or the poll timer fires (the only way to see appends by another process).
 */
export class SqliteSubscription implements Subscription {
  private stopped = false;
  private appendedSinceRead = false;
  private wake: (() => void) | null = null;
  private readonly stopListening: () => void;
  private readonly done: Promise<void>;

  constructor(
    private readonly source: FeedSource,
    private readonly options: SubscribeOptions,
    private readonly handler: EventHandler,
    private readonly onError: ((error: unknown) => void) | undefined,
    onEnd: (subscription: SqliteSubscription) => void,
  ) {
    this.stopListening = source.onAppend(() => {
      this.appendedSinceRead = true;
      this.wake?.();
    });
    this.done = this.run().finally(() => {
      this.stopListening();
      onEnd(this);
    });
  }

  stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    // Awaiting our own loop from inside our handler would wait forever: the loop awaits the handler.
    if (delivering.getStore() === this) return Promise.resolve();
    return this.done;
  }

  private async run(): Promise<void> {
    // Positions start at 1, so -1 reads from the beginning.
    let cursor = this.options.after ?? -1n;
    try {
      // Deliver nothing before subscribeToAll has returned the subscription to its caller.
      await Promise.resolve();
      while (!this.stopped) {
        this.appendedSinceRead = false;
        const { events, scannedTo } = this.source.readBatch(cursor, this.options.filter, BATCH_SIZE);
        for (const event of events) {
          await delivering.run(this, () => this.handler(event));
          if (this.stopped) return;
        }
        // At least the last delivered position; further when a filter skipped events after it.
        if (scannedTo > cursor) cursor = scannedTo;
        if (events.length === BATCH_SIZE || this.appendedSinceRead) {
          // Let I/O in between batches: a long catch-up with a synchronous handler would otherwise hold the process.
          await yieldToEventLoop();
        } else {
          await this.sleep();
        }
      }
    } catch (error) {
      this.stopped = true;
      reportSubscriptionError(this.onError, error);
    }
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      if (this.stopped) return resolve();
      const timer = setTimeout(() => this.wake?.(), this.source.pollIntervalMs);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }
}
