import { createHash } from 'node:crypto';
import { RecordedEvent } from './event';

/**
 * The integrity chain: each event's hash covers its content and the previous event's hash in
 * the same stream, so altering, removing or reordering a recorded event is detectable even by
 * someone who can write to the database file directly.
 */

/**
 * Deterministic JSON: what JSON.stringify would write, but with object keys sorted (by UTF-16
 * code unit) at every depth and no whitespace, so equal content always hashes equally whatever
 * order its keys were built in. Bigints are written as decimal strings (JSON has no 64-bit
 * integers); undefined, functions and symbols are omitted from objects and written as null in
 * arrays, as JSON.stringify does, so a value hashes the same before and after a JSON round trip.
 */
export function canonicalJson(value: unknown): string {
  const written = write(value, new Set());
  if (written === undefined) {
    throw new TypeError(`canonicalJson: ${typeof value} has no JSON representation`);
  }
  return written;
}

function write(input: unknown, ancestors: Set<object>): string | undefined {
  const value = hasToJson(input) ? input.toJSON() : input;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      // JSON.stringify writes NaN and the infinities as null; keep the same so a round trip is stable.
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'bigint':
      return JSON.stringify(value.toString());
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return 'null';
  const object = value as object;
  if (ancestors.has(object)) throw new TypeError('canonicalJson: circular structure');
  ancestors.add(object);
  try {
    if (Array.isArray(object)) {
      return `[${object.map((item: unknown) => write(item, ancestors) ?? 'null').join(',')}]`;
    }
    const record = object as Record<string, unknown>;
    const members: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const member = write(record[key], ancestors);
      if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
    }
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(object);
  }
}

function hasToJson(value: unknown): value is { toJSON(): unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  );
}

/** The fields an event's hash covers. */
export interface HashableEvent {
  streamName: string;
  revision: bigint;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
}

/**
 * SHA-256 (hex) of the event's content chained to the previous event's hash in its stream
 * (null for revision 0). The global position is deliberately left out: it belongs to the store,
 * not to the event, and would change if the events were moved to another store.
 */
export function computeEventHash(event: HashableEvent, previousHash: string | null): string {
  // Picked field by field so that passing a RecordedEvent (with position and hash) hashes the same.
  const content = canonicalJson({
    streamName: event.streamName,
    revision: event.revision,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    previousHash,
  });
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

export interface ChainFailure {
  streamName: string;
  revision: bigint;
  reason: string;
}

export type ChainVerification = { ok: true } | ({ ok: false } & ChainFailure);

/** Checks one stream's events, in revision order, starting at revision 0. */
export function verifyStreamChain(events: readonly RecordedEvent[]): ChainVerification {
  const chain = new StreamChain(events[0]?.streamName ?? '');
  for (const event of events) {
    const failure = chain.check(event);
    if (failure) return { ok: false, ...failure };
  }
  return { ok: true };
}

export interface ChainReport {
  streams: number;
  events: number;
  /** At most one per stream: after its first break the rest of a stream cannot be trusted anyway. */
  failures: ChainFailure[];
}

/**
 * Verifies every stream found in a feed (e.g. pages of readAll, in position order). Keeps only
 * one hash per stream in memory, so a whole store can be checked without loading it at once.
 */
export function verifyAll(events: Iterable<RecordedEvent>): ChainReport {
  const verifier = new ChainVerifier();
  for (const event of events) verifier.add(event);
  return verifier.report();
}

/** verifyAll one event at a time, for a feed read page by page. */
export class ChainVerifier {
  private readonly chains = new Map<string, StreamChain>();
  private readonly failures: ChainFailure[] = [];
  private count = 0;

  /** The failure this event reveals, if it is the first in its stream. */
  add(event: RecordedEvent): ChainFailure | null {
    this.count += 1;
    let chain = this.chains.get(event.streamName);
    if (!chain) {
      chain = new StreamChain(event.streamName);
      this.chains.set(event.streamName, chain);
    }
    if (chain.broken) return null;
    const failure = chain.check(event);
    if (failure) this.failures.push(failure);
    return failure;
  }

  report(): ChainReport {
    return { streams: this.chains.size, events: this.count, failures: [...this.failures] };
  }
}

/** The running state of one stream's verification. */
class StreamChain {
  private nextRevision = 0n;
  private lastHash: string | null = null;
  broken = false;

  constructor(private readonly streamName: string) {}

  check(event: RecordedEvent): ChainFailure | null {
    const failure = this.findFailure(event);
    if (failure) {
      this.broken = true;
      return { streamName: event.streamName, revision: event.revision, reason: failure };
    }
    this.nextRevision += 1n;
    this.lastHash = event.hash;
    return null;
  }

  private findFailure(event: RecordedEvent): string | null {
    if (event.streamName !== this.streamName) {
      return `event ${event.eventId} belongs to stream ${event.streamName}, not ${this.streamName}`;
    }
    if (event.revision !== this.nextRevision) {
      return `expected revision ${this.nextRevision}, found ${event.revision} (an event is missing or out of order)`;
    }
    if (event.previousHash !== this.lastHash) {
      return `previousHash ${event.previousHash ?? 'null'} does not link to the previous event's hash ${this.lastHash ?? 'null'}`;
    }
    const expected = computeEventHash(event, this.lastHash);
    if (event.hash !== expected) {
      return `hash ${event.hash} does not match the recomputed ${expected} (the event was altered)`;
    }
    return null;
  }
}
