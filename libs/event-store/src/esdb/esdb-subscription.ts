import {
  eventTypeFilter,
  EventStoreDBClient,
  Filter,
  START,
  streamNameFilter,
  StreamSubscription,
} from '@eventstore/db-client';
import { AsyncLocalStorage } from 'node:async_hooks';
import { messageOf, reportSubscriptionError } from '../adapter-rules';
import { AllFilter, EventHandler, SubscribeOptions, Subscription } from '../event-store.port';
import { decodeEvent, matchesFilter } from './esdb-codec';
import { packPosition, unpackPosition } from './esdb-position';

export interface ResubscribePolicy {
  /** First wait after a drop; doubled on each further failure up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
}

const DEFAULT_POLICY: ResubscribePolicy = { initialDelayMs: 100, maxDelayMs: 5_000 };

/** Which subscription's handler is running, so a handler that stops its own subscription is not deadlocked. */
const delivering = new AsyncLocalStorage<EsdbSubscription>();

/**
 * A catch-up subscription to `$all`, filtered on the server to the tracker's events. When the
 * server drops it (restart, leader change, network), it resubscribes strictly after the last
 * event the handler finished, waiting longer after each consecutive failure; events the client
 * had buffered but not yet handled are therefore delivered once, by the new subscription.
 */
export class EsdbSubscription implements Subscription {
  private stopped = false;
  private current: StreamSubscription | null = null;
  private wake: (() => void) | null = null;
  private readonly done: Promise<void>;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: SubscribeOptions,
    private readonly handler: EventHandler,
    private readonly onError: ((error: unknown) => void) | undefined,
    onEnd: (subscription: EsdbSubscription) => void,
    private readonly policy: ResubscribePolicy = DEFAULT_POLICY,
    private readonly warn: (message: string) => void = (message) => console.warn(message),
  ) {
    this.done = this.run()
      .catch((error: unknown) => {
        // E.g. a checkpoint that is no EventStoreDB position: nothing to retry.
        this.stopped = true;
        reportSubscriptionError(this.onError, error);
      })
      .finally(() => onEnd(this));
  }

  stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    const current = this.current;
    // The client ignores its own cancellation, so the stream is also ended here to end the loop.
    if (current)
      void current
        .unsubscribe()
        .catch(() => undefined)
        .finally(() => current.destroy());
    if (delivering.getStore() === this) return Promise.resolve();
    return this.done;
  }

  private async run(): Promise<void> {
    let cursor = this.options.after;
    let delay = this.policy.initialDelayMs;
    // Deliver nothing before subscribeToAll has returned the subscription to its caller.
    await Promise.resolve();
    while (!this.stopped) {
      const subscription = this.client.subscribeToAll({
        fromPosition: cursor === undefined ? START : unpackPosition(cursor),
        filter: serverFilter(this.options.filter),
      });
      this.current = subscription;
      try {
        for await (const resolved of subscription) {
          if (this.stopped) break;
          if (!resolved.event?.position) continue;
          const position = packPosition(resolved.event.position);
          if (cursor !== undefined && position <= cursor) continue;
          if (matchesFilter(resolved, this.options.filter)) {
            try {
              const event = decodeEvent(resolved);
              await delivering.run(this, () => this.handler(event));
            } catch (error) {
              this.stopped = true;
              reportSubscriptionError(this.onError, error);
              break;
            }
          }
          cursor = position;
          delay = this.policy.initialDelayMs;
        }
      } catch (error) {
        if (this.stopped) break;
        // Whatever ended the server stream (restart, leader change, network), resume from the cursor.
        this.warn(
          `EventStoreDB subscription dropped (${messageOf(error)}); resubscribing after position ${cursor ?? 'start'} in ${delay} ms`,
        );
      } finally {
        this.current = null;
        void subscription.unsubscribe().catch(() => undefined);
      }
      if (this.stopped) break;
      await this.sleep(delay);
      delay = Math.min(delay * 2, this.policy.maxDelayMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wake?.(), ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }
}

/**
 * Narrows the feed on the server: to the wanted event types when given, else to the wanted
 * stream prefixes, else to every non-system event type (EventStoreDB's own start with `$`).
 */
function serverFilter(filter: AllFilter | undefined): Filter {
  if (filter?.eventTypes) {
    const alternatives = filter.eventTypes.map(escapeRegex);
    // An empty list matches nothing, as in the port; `(?!)` is a regex that never matches.
    return eventTypeFilter({ regex: alternatives.length === 0 ? '(?!)' : `^(?:${alternatives.join('|')})$` });
  }
  if (filter?.streamPrefixes && filter.streamPrefixes.length > 0) {
    return streamNameFilter({ prefixes: [...filter.streamPrefixes] });
  }
  return eventTypeFilter({ regex: '^[^$]' });
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
