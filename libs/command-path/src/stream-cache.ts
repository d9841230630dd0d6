import { RecordedEvent } from '@tracker/event-store';

/** What the idempotency check needs of an event recorded under a key. */
export type KeyedEvent = Pick<RecordedEvent, 'type' | 'schemaVersion' | 'data' | 'position' | 'metadata'>;

/** A stream as this process last folded it for one decider. */
export interface FoldedStream<S> {
  /** Revision of the last event folded into `state`; null for a stream with no events. */
  revision: bigint | null;
  state: S;
  /** Events recorded under an Idempotency-Key, by user and key. */
  keyed: Map<string, KeyedEvent[]>;
}

export const keyOf = (userId: string, idempotencyKey: string) => `${userId}\u0000${idempotencyKey}`;

/**
 * The writer's memory of the streams it wrote to recently, so a command reads and folds only the
 * events recorded since (by any process: events never change, so what was folded stays true).
 * Least recently used streams are forgotten first.
 */
export class StreamCache {
  private readonly entries = new Map<string, FoldedStream<unknown>>();
  private readonly deciderIds = new WeakMap<object, number>();
  private nextDeciderId = 0;

  constructor(private readonly capacity = 2_000) {}

  get<S>(decider: object, streamName: string): FoldedStream<S> | undefined {
    const key = this.key(decider, streamName);
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry as FoldedStream<S> | undefined;
  }

  set<S>(decider: object, streamName: string, entry: FoldedStream<S>): void {
    const key = this.key(decider, streamName);
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** Two deciders may fold the same stream (a measure's lifecycle and its alerts) into different states. */
  private key(decider: object, streamName: string): string {
    let id = this.deciderIds.get(decider);
    if (id === undefined) {
      id = this.nextDeciderId++;
      this.deciderIds.set(decider, id);
    }
    return `${id}/${streamName}`;
  }
}
