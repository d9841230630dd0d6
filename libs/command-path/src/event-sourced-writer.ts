import { createHash } from 'node:crypto';
import { CommandContext, currentSchemaVersion, Decider, streamDecoder, TrackerEvent } from '@tracker/domain';
import { canonicalJson, ConcurrencyError, EventStore, NewEvent } from '@tracker/event-store';
import { Clock, CourtCalendar } from './clock';
import { deterministicId, newId } from './ids';
import { CommandMeta } from './command-meta';
import { FoldedStream, KeyedEvent, keyOf, StreamCache } from './stream-cache';
import { IdempotencyKeyReusedError, PreconditionFailedError, WriteConflictError } from './write-errors';

export interface WriteRequest<C, E extends TrackerEvent, S, R> {
  streamName: string;
  decider: Decider<C, E, S>;
  /** The command's name, recorded in metadata so a reused Idempotency-Key is recognised. */
  commandName: string;
  meta: CommandMeta;
  /** Builds the domain command from the current state (some commands need it, e.g. to number). */
  command: (context: CommandContext, state: S) => NoInfer<C>;
  /**
   * What identifies the client's request for Idempotency-Key checks; defaults to the command's
   * data. Leave out what differs on every attempt (a salted password hash) or must not be kept.
   */
  fingerprint?: unknown;
  /** The caller's answer, computed from the events the command produced (or produced before). */
  result: (events: NoInfer<E>[], state: S) => R;
}

export interface WriteOutcome<S, R> {
  result: R;
  state: S;
  /** Stream revision after the write: the new ETag. */
  revision: bigint;
  /** Global position of the last event this command recorded (now or on its first attempt); null if it recorded none. */
  position: bigint | null;
}

/** Told of every append, e.g. so the HTTP layer can wait for its read models to pass the write. */
export interface WriterHooks {
  afterAppend?(position: bigint): void;
}

const MAX_ATTEMPTS_WITHOUT_IF_MATCH = 3;

/** Events of the decider's types, decoded (upcast) the one way every fold decodes them. */
function decodedAll<E extends TrackerEvent>(types: readonly E['type'][], events: readonly KeyedEvent[]): E[] {
  const decode = streamDecoder(types);
  return events.flatMap((e) => {
    const event = decode(e);
    return event === undefined ? [] : [event];
  });
}

/** What the client asked for: the command's name and its input (ids derived from the key included). */
function fingerprint(commandName: string, input: unknown): string {
  return createHash('sha256')
    .update(commandName)
    .update(canonicalJson(input ?? null))
    .digest('hex');
}

/**
 * The one path from a command to the store: read the stream, fold it, decide, append at the
 * revision read. A stale If-Match is refused (412), a race lost under If-Match is refused (409);
 * without If-Match a lost race is retried on fresh state, because decide re-checks every rule.
 */
export class EventSourcedWriter {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly calendar: CourtCalendar,
    private readonly hooks: WriterHooks = {},
    private readonly streams = new StreamCache(),
  ) {}

  /** The tail of each stream's queue of commands in this process (see inTurn). */
  private readonly turns = new Map<string, Promise<unknown>>();

  async write<C, E extends TrackerEvent, S, R>(
    request: WriteRequest<C, E, S, R>,
  ): Promise<WriteOutcome<S, R>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.inTurn(request.streamName, () => this.attempt(request));
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        if (request.meta.expectedRevision !== undefined || attempt >= MAX_ATTEMPTS_WITHOUT_IF_MATCH) {
          throw new WriteConflictError(request.streamName);
        }
      }
    }
  }

  /**
   * One command at a time per stream in this process: read, decide and append before the next
   * reads. Appends wait for the store's group commit, so commands on one stream started together
   * would otherwise all decide on the same revision and all but one lose the race; other streams'
   * commands still go side by side. Other processes are held off by the expected revision.
   */
  private inTurn<T>(streamName: string, run: () => Promise<T>): Promise<T> {
    const previous = this.turns.get(streamName) ?? Promise.resolve();
    const mine = previous.then(run, run);
    const tail = mine.catch(() => undefined);
    this.turns.set(streamName, tail);
    void tail.then(() => {
      if (this.turns.get(streamName) === tail) this.turns.delete(streamName);
    });
    return mine;
  }

  private async attempt<C, E extends TrackerEvent, S, R>(
    request: WriteRequest<C, E, S, R>,
  ): Promise<WriteOutcome<S, R>> {
    const { streamName, decider, meta } = request;
    const { state, revision, keyed } = await this.foldStream(streamName, decider);

    const now = this.instantOf(meta);
    const context = this.contextFor(meta);
    const command = request.command(context, state);
    const commandHash = meta.idempotencyKey
      ? fingerprint(request.commandName, request.fingerprint ?? (command as { data?: unknown }).data)
      : null;

    // A retry is answered from what the first attempt recorded, before any precondition:
    // the client's If-Match is necessarily stale by then.
    const earlier = this.recordedBy(keyed, request, commandHash);
    if (earlier.length > 0) {
      return {
        result: request.result(decodedAll(decider.eventTypes, earlier), state),
        state,
        revision: revision as bigint,
        position: earlier[earlier.length - 1].position,
      };
    }

    if (meta.expectedRevision !== undefined && meta.expectedRevision !== revision) {
      throw new PreconditionFailedError(meta.expectedRevision, revision);
    }

    const newEvents = decider.decide(command, state);
    const recordedAt = now.toISOString();
    const envelopes: NewEvent[] = newEvents.map((event, index) => ({
      eventId: meta.idempotencyKey
        ? deterministicId(meta.actor.userId, meta.idempotencyKey, streamName, String(index))
        : newId(),
      type: event.type,
      schemaVersion: currentSchemaVersion(event.type),
      data: event.data,
      metadata: {
        actor: { userId: meta.actor.userId, role: meta.actor.role },
        recordedAt,
        correlationId: meta.correlationId,
        causationId: meta.causationId,
        idempotencyKey: meta.idempotencyKey,
        command: request.commandName,
        commandHash,
      },
    }));
    const appended = await this.store.appendToStream(streamName, envelopes, revision ?? 'no_stream');
    const expectedEnd = (revision ?? -1n) + BigInt(envelopes.length);
    if (envelopes.length > 0 && appended.nextExpectedRevision !== expectedEnd) {
      // The store recognised our event ids: a concurrent twin with the same key recorded first.
      // Answer from what it recorded, not from what we decided.
      return this.attempt(request);
    }
    if (envelopes.length > 0) this.hooks.afterAppend?.(appended.position);
    const after = newEvents.reduce(decider.evolve, state);
    return {
      result: request.result(newEvents, after),
      state: after,
      revision: appended.nextExpectedRevision,
      position: envelopes.length > 0 ? appended.position : null,
    };
  }

  /** The actor and the court's date a command is decided with. */
  contextFor(meta: CommandMeta): CommandContext {
    return { actor: meta.actor, today: this.calendar.dateOf(this.instantOf(meta)) };
  }

  private instantOf(meta: CommandMeta): Date {
    return meta.seededAt ?? this.clock.now();
  }

  /** The stream's state: what this process folded before, plus whatever was recorded since. */
  private async foldStream<E extends TrackerEvent, S>(
    streamName: string,
    decider: Pick<Decider<unknown, E, S>, 'initialState' | 'evolve' | 'eventTypes'>,
  ): Promise<FoldedStream<S>> {
    const known = this.streams.get<S>(decider, streamName);
    const since = await this.store.readStream(
      streamName,
      known?.revision != null ? { fromRevision: known.revision + 1n } : {},
    );
    if (known && since.length === 0) return known;
    const keyed = known?.keyed ?? new Map<string, KeyedEvent[]>();
    let state = known?.state ?? decider.initialState();
    const decode = streamDecoder(decider.eventTypes);
    for (const event of since) {
      const decoded = decode(event);
      if (decoded !== undefined) state = decider.evolve(state, decoded);
      const { idempotencyKey, actor } = event.metadata;
      if (idempotencyKey) {
        const key = keyOf(actor.userId, idempotencyKey);
        keyed.set(key, [...(keyed.get(key) ?? []), event]);
      }
    }
    const folded = { state, revision: since[since.length - 1]?.revision ?? known?.revision ?? null, keyed };
    this.streams.set(decider, streamName, folded);
    return folded;
  }

  private recordedBy(
    keyed: Map<string, KeyedEvent[]>,
    request: { meta: CommandMeta; commandName: string },
    commandHash: string | null,
  ): KeyedEvent[] {
    const { idempotencyKey, actor } = request.meta;
    if (!idempotencyKey) return [];
    const earlier = keyed.get(keyOf(actor.userId, idempotencyKey)) ?? [];
    const other = earlier.find((e) => e.metadata.command !== request.commandName);
    if (other) throw new IdempotencyKeyReusedError(idempotencyKey, other.metadata.command);
    const otherBody = earlier.find((e) => e.metadata.commandHash && e.metadata.commandHash !== commandHash);
    if (otherBody) throw new IdempotencyKeyReusedError(idempotencyKey, request.commandName);
    return earlier;
  }
}
