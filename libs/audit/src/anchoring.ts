import {
  AnchorStatement,
  AuditAnchored,
  AuditEvent,
  currentSchemaVersion,
  decodeEvent,
  StreamHead,
  streams,
} from '@tracker/domain';
import { ConcurrencyError, EventMetadata, EventStore, NewEvent, RecordedEvent } from '@tracker/event-store';
import { randomUUID } from 'node:crypto';
import { AuditKey } from './audit-key';
import { merkleRoot } from './merkle';
import { headLeaf, headsDigest, signStatement, sortHeads } from './statement';

/** A recorded anchor as the audit stream holds it. */
export interface RecordedAnchor {
  statement: AnchorStatement;
  signature: string;
  /** Where the AuditAnchored event sits in the audit stream and the feed. */
  revision: bigint;
  position: bigint;
  idempotencyKey: string | null;
}

/** Whoever asked for the anchor: an inspector on demand, the system on schedule. */
export interface AnchorRequest {
  trigger: AnchorStatement['trigger'];
  actor: { userId: string; role: string };
  correlationId: string;
  idempotencyKey: string | null;
}

const PAGE = 5_000;
/** Heads per AnchorHeadsRecorded event: about 300 KB, well under EventStoreDB's 1 MB append limit. */
const HEADS_PER_PART = 2_000;
const ATTEMPTS = 5;

interface Head {
  revision: bigint;
  hash: string;
}

/**
 * Records signed anchors (审计锚点). Keeps every stream's head as of the last anchor in memory and
 * reads only the feed since it, so a daily anchor costs that day's events; after a restart, or an
 * anchor recorded by another process, it rebuilds that state from the audit stream alone.
 */
export class Anchorer {
  private state: {
    auditRevision: bigint | null;
    heads: Map<string, Head>;
    last: RecordedAnchor | null;
  } | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly clock: { now(): Date },
    private readonly key: AuditKey,
  ) {}

  /** Records an anchor of everything in the store now, or answers the one recorded under the same key. */
  async anchor(request: AnchorRequest): Promise<{ anchor: RecordedAnchor; created: boolean }> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        if (request.idempotencyKey !== null) {
          const earlier = (await readAnchors(this.store)).find(
            (a) => a.idempotencyKey === request.idempotencyKey,
          );
          if (earlier) return { anchor: earlier, created: false };
        }
        return { anchor: await this.record(request), created: true };
      } catch (error) {
        // Another process anchored meanwhile: start again from its anchor.
        if (!(error instanceof ConcurrencyError) || attempt >= ATTEMPTS) throw error;
        this.state = null;
      }
    }
  }

  private async record(request: AnchorRequest): Promise<RecordedAnchor> {
    const state = await this.currentState();
    const heads = new Map(state.heads);
    const changed = new Set<string>();
    let events = state.last?.statement.events ?? 0;
    let through = state.last?.statement.feedPosition ?? null;
    let after = through === null ? undefined : BigInt(through);
    for (;;) {
      const page = await this.store.readAll({ after, maxCount: PAGE });
      for (const event of page) {
        heads.set(event.streamName, { revision: event.revision, hash: event.hash });
        changed.add(event.streamName);
      }
      events += page.length;
      if (page.length > 0) {
        after = page[page.length - 1].position;
        through = after.toString();
      }
      if (page.length < PAGE) break;
    }
    const all = sortHeads([...heads].map(([streamName, h]) => asHead(streamName, h)));
    const delta = sortHeads([...changed].map((s) => asHead(s, heads.get(s)!)));
    const anchorId = randomUUID();
    const parts: StreamHead[][] = [];
    for (let i = 0; i < delta.length; i += HEADS_PER_PART) parts.push(delta.slice(i, i + HEADS_PER_PART));
    const statement: AnchorStatement = {
      anchorId,
      sequence: (state.last?.statement.sequence ?? 0) + 1,
      anchoredAt: this.clock.now().toISOString(),
      trigger: request.trigger,
      feedPosition: through,
      events,
      streams: all.length,
      merkleRoot: merkleRoot(all.map(headLeaf)).toString('hex'),
      changedStreams: delta.length,
      headsDigest: headsDigest(delta),
      parts: parts.length,
      previousAnchorId: state.last?.statement.anchorId ?? null,
      keyId: this.key.keyId,
    };
    const signature = signStatement(statement, this.key.privateKey);
    // Parts first, each its own append (a first anchor of a large store is megabytes); parts
    // left by a crash before the anchor itself belong to no anchor and are ignored.
    let expected: bigint | 'no_stream' = state.auditRevision ?? 'no_stream';
    const append = async (event: AuditEvent) => {
      const result = await this.store.appendToStream(
        streams.audit(),
        [this.newEvent(event, request)],
        expected,
      );
      expected = result.nextExpectedRevision;
      return result;
    };
    for (let part = 0; part < parts.length; part += 1)
      await append({ type: 'AnchorHeadsRecorded', data: { anchorId, part, heads: parts[part] } });
    const written = await append({ type: 'AuditAnchored', data: { statement, signature } });
    const anchor: RecordedAnchor = {
      statement,
      signature,
      revision: written.nextExpectedRevision,
      position: written.position,
      idempotencyKey: request.idempotencyKey,
    };
    this.state = { auditRevision: written.nextExpectedRevision, heads, last: anchor };
    return anchor;
  }

  /** The heads as of the last anchor, from memory if no other process has anchored since. */
  private async currentState() {
    const [tail] = await this.store.readStream(streams.audit(), { direction: 'backwards', maxCount: 1 });
    const revision = tail?.revision ?? null;
    if (this.state !== null && this.state.auditRevision === revision) return this.state;
    const heads = new Map<string, Head>();
    const pending = new Map<string, StreamHead[]>();
    let last: RecordedAnchor | null = null;
    for (const recorded of await this.store.readStream(streams.audit())) {
      const event = decodeEvent(recorded);
      if (event?.type === 'AnchorHeadsRecorded') {
        pending.set(event.data.anchorId, [...(pending.get(event.data.anchorId) ?? []), ...event.data.heads]);
      } else if (event?.type === 'AuditAnchored') {
        for (const h of pending.get(event.data.statement.anchorId) ?? [])
          heads.set(h.streamName, { revision: BigInt(h.revision), hash: h.hash });
        pending.clear();
        last = asRecordedAnchor(recorded, event);
      }
    }
    this.state = { auditRevision: revision, heads, last };
    return this.state;
  }

  private newEvent(event: AuditEvent, request: AnchorRequest): NewEvent {
    const metadata: EventMetadata = {
      actor: request.actor,
      recordedAt: this.clock.now().toISOString(),
      correlationId: request.correlationId,
      causationId: null,
      idempotencyKey: event.type === 'AuditAnchored' ? request.idempotencyKey : null,
      command: event.type === 'AuditAnchored' ? 'RecordAnchor' : null,
    };
    return {
      eventId: randomUUID(),
      type: event.type,
      schemaVersion: currentSchemaVersion(event.type),
      data: event.data,
      metadata,
    };
  }
}

function asHead(streamName: string, head: Head): StreamHead {
  return { streamName, revision: head.revision.toString(), hash: head.hash };
}

function asRecordedAnchor(recorded: RecordedEvent, event: AuditAnchored): RecordedAnchor {
  return {
    statement: event.data.statement,
    signature: event.data.signature,
    revision: recorded.revision,
    position: recorded.position,
    idempotencyKey: recorded.metadata.idempotencyKey ?? null,
  };
}

/** Every anchor in the audit stream, oldest first. */
export async function readAnchors(store: EventStore): Promise<RecordedAnchor[]> {
  const anchors: RecordedAnchor[] = [];
  for (const recorded of await store.readStream(streams.audit())) {
    const event = decodeEvent(recorded);
    if (event?.type === 'AuditAnchored') anchors.push(asRecordedAnchor(recorded, event));
  }
  return anchors;
}

/** The court's latest anchor, read from the end of the audit stream; null before the first. */
export async function latestAnchor(store: EventStore): Promise<RecordedAnchor | null> {
  // The last event is the anchor unless a crash left parts after it; parts come at most a few dozen at a time.
  const tail = await store.readStream(streams.audit(), { direction: 'backwards', maxCount: 64 });
  for (const recorded of tail) {
    const event = decodeEvent(recorded);
    if (event?.type === 'AuditAnchored') return asRecordedAnchor(recorded, event);
  }
  return tail.length === 0 ? null : ((await readAnchors(store)).pop() ?? null);
}
