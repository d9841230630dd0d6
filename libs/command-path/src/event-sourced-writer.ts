import { createHash } from 'node:crypto';
import { CommandContext, currentSchemaVersion, Decider, streamDecoder, TrackerEvent } from '@tracker/domain';
import { AppendResult, canonicalJson, ConcurrencyError, EventStore, NewEvent } from '@tracker/event-store';
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
  /**
   * May share one append with the other such commands waiting their turn on the same stream in
   * this process (see writeShared). For a stream many system commands go to at once, e.g. a year's
   * 督办单 issued at one midnight. Ignored with If-Match, which names the revision to decide on.
   */
  shareAppend?: boolean;
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- members of one batch differ in their command and result types
type AnyRequest = WriteRequest<any, TrackerEvent, any, any>;

/** A command waiting in a shared append, and how its caller is answered. */
interface SharedMember {
  request: AnyRequest;
  resolve(outcome: WriteOutcome<unknown, unknown>): void;
  reject(error: unknown): void;
}
interface SharedBatch {
  decider: object;
  members: SharedMember[];
}

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

/** What a decision on a cached state that may be stale answers instead of a refusal (see decideAndAppend). */
const STALE = Symbol('stale');

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
  /** Per stream, the shared append still taking members: queued, not yet started (see writeShared). */
  private readonly openBatches = new Map<string, SharedBatch>();

  async write<C, E extends TrackerEvent, S, R>(
    request: WriteRequest<C, E, S, R>,
  ): Promise<WriteOutcome<S, R>> {
    if (request.shareAppend && request.meta.expectedRevision === undefined) {
      return this.writeShared(request);
    }
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

  /**
   * Decides on the stream as this process last folded it, without reading, when it has it: the
   * append at that revision fails if another process (the worker recording an alert) appended
   * since. Then, and whenever the command is refused on that state (which may lack what the other
   * process recorded), the stream is read and the command decided again on what it holds.
   */
  private async attempt<C, E extends TrackerEvent, S, R>(
    request: WriteRequest<C, E, S, R>,
  ): Promise<WriteOutcome<S, R>> {
    const cached = this.streams.get<S>(request.decider, request.streamName);
    if (cached) {
      const outcome = await this.decideAndAppend(request, cached, true);
      if (outcome !== STALE) return outcome;
    }
    return (await this.decideAndAppend(
      request,
      await this.foldStream(request.streamName, request.decider),
      false,
    )) as WriteOutcome<S, R>;
  }

  /**
   * On a state that `mayBeStale` (this process's cache), a refusal or a lost race answers STALE
   * instead of throwing: nothing was written, and the caller decides again on what the store holds.
   * Nothing after a successful append is retried, so a command is never recorded twice.
   */
  private async decideAndAppend<C, E extends TrackerEvent, S, R>(
    request: WriteRequest<C, E, S, R>,
    folded: FoldedStream<S>,
    mayBeStale: boolean,
  ): Promise<WriteOutcome<S, R> | typeof STALE> {
    const { streamName, decider, meta } = request;
    const { state, revision, keyed } = folded;
    let newEvents: E[];
    let envelopes: NewEvent[];
    let appended: AppendResult;
    let appending = false;
    try {
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

      newEvents = decider.decide(command, state);
      envelopes = this.envelopesOf(request, newEvents, commandHash, true);
      appending = true;
      appended = await this.store.appendToStream(streamName, envelopes, revision ?? 'no_stream');
    } catch (error) {
      // Of the append's failures only a lost race says for sure that nothing was written.
      if (mayBeStale && (!appending || error instanceof ConcurrencyError)) return STALE;
      throw error;
    }
    const expectedEnd = (revision ?? -1n) + BigInt(envelopes.length);
    if (envelopes.length > 0 && appended.nextExpectedRevision !== expectedEnd) {
      // The store recognised our event ids: a concurrent twin with the same key recorded first.
      // Answer from what it recorded, read from the store, not from what we decided.
      return this.decideAndAppend(request, await this.foldStream(streamName, decider), false);
    }
    if (envelopes.length > 0) {
      this.hooks.afterAppend?.(appended.position);
      this.rememberAppended(streamName, decider, { state, revision, keyed }, envelopes, appended);
    }
    const after = newEvents.reduce(decider.evolve, state);
    return {
      result: request.result(newEvents, after),
      state: after,
      revision: appended.nextExpectedRevision,
      position: envelopes.length > 0 ? appended.position : null,
    };
  }

  /**
   * The command joins the shared append waiting its turn on the stream, or opens one. When the
   * turn comes, the members are decided one after another, each on the state the ones before it
   * left (as if they had run in turn), and all their events are appended in one append at the
   * revision read: a burst of commands on one stream costs one read, one append and one commit
   * instead of one each. Each member keeps its own metadata and Idempotency-Key, is answered from
   * what its key recorded before, and is refused alone when its decider refuses; a lost race
   * retries the whole batch on fresh state. Its outcome carries the state and revision after the
   * whole append (what its ETag names) and the append's last position.
   */
  private writeShared<C, E extends TrackerEvent, S, R>(
    request: WriteRequest<C, E, S, R>,
  ): Promise<WriteOutcome<S, R>> {
    const { streamName } = request;
    let batch = this.openBatches.get(streamName);
    if (!batch || batch.decider !== request.decider) {
      const opened: SharedBatch = { decider: request.decider, members: [] };
      this.openBatches.set(streamName, opened);
      void this.inTurn(streamName, () => {
        if (this.openBatches.get(streamName) === opened) this.openBatches.delete(streamName);
        return this.commitShared(streamName, opened.members);
      });
      batch = opened;
    }
    const members = batch.members;
    return new Promise<WriteOutcome<S, R>>((resolve, reject) =>
      members.push({
        request: request as unknown as AnyRequest,
        resolve: resolve as SharedMember['resolve'],
        reject,
      }),
    );
  }

  /** Never rejects: every member is answered, with its outcome or its error. */
  private async commitShared(streamName: string, members: SharedMember[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attemptShared(streamName, members);
      } catch (error) {
        if (error instanceof ConcurrencyError && attempt < MAX_ATTEMPTS_WITHOUT_IF_MATCH) continue;
        const failure = error instanceof ConcurrencyError ? new WriteConflictError(streamName) : error;
        for (const member of members) member.reject(failure);
        return;
      }
    }
  }

  private async attemptShared(streamName: string, members: SharedMember[]): Promise<void> {
    const decider = members[0].request.decider;
    const { state, revision, keyed } = await this.foldStream(streamName, decider);
    type Decided = { member: SharedMember; events: TrackerEvent[]; earlier?: KeyedEvent[] };
    const decided: Decided[] = [];
    const refused: { member: SharedMember; error: unknown }[] = [];
    /** Keys decided earlier in this batch: a second command under one key is that command's retry. */
    const inBatch = new Map<string, { commandName: string; hash: string | null; events: TrackerEvent[] }>();
    const envelopes: NewEvent[] = [];
    let running: unknown = state;
    for (const member of members) {
      const { request } = member;
      try {
        const command = request.command(this.contextFor(request.meta), running);
        const commandHash = request.meta.idempotencyKey
          ? fingerprint(request.commandName, request.fingerprint ?? (command as { data?: unknown }).data)
          : null;
        const earlier = this.recordedBy(keyed, request, commandHash);
        if (earlier.length > 0) {
          decided.push({ member, events: decodedAll(decider.eventTypes, earlier), earlier });
          continue;
        }
        const key = request.meta.idempotencyKey
          ? keyOf(request.meta.actor.userId, request.meta.idempotencyKey)
          : null;
        const twin = key === null ? undefined : inBatch.get(key);
        if (twin) {
          if (twin.commandName !== request.commandName || twin.hash !== commandHash) {
            throw new IdempotencyKeyReusedError(request.meta.idempotencyKey as string, twin.commandName);
          }
          decided.push({ member, events: twin.events });
          continue;
        }
        const events = decider.decide(command, running);
        running = events.reduce(decider.evolve, running);
        // Ids derived from the key let the store recognise a twin's identical append; in a
        // batch of several the expected revision alone catches a lost race, and the retry finds
        // each key already recorded.
        envelopes.push(...this.envelopesOf(request, events, commandHash, members.length === 1));
        if (key !== null) inBatch.set(key, { commandName: request.commandName, hash: commandHash, events });
        decided.push({ member, events });
      } catch (error) {
        refused.push({ member, error });
      }
    }
    let after = { revision: revision as bigint, position: null as bigint | null };
    if (envelopes.length > 0) {
      const appended = await this.store.appendToStream(streamName, envelopes, revision ?? 'no_stream');
      if (appended.nextExpectedRevision !== (revision ?? -1n) + BigInt(envelopes.length)) {
        // The store recognised our event ids (one member, its twin recorded first): decide again.
        return this.attemptShared(streamName, members);
      }
      this.hooks.afterAppend?.(appended.position);
      after = { revision: appended.nextExpectedRevision, position: appended.position };
    }
    for (const { member, error } of refused) member.reject(error);
    for (const { member, events, earlier } of decided) {
      member.resolve({
        result: member.request.result(events, running),
        state: running,
        revision: after.revision,
        position: earlier ? earlier[earlier.length - 1].position : events.length > 0 ? after.position : null,
      });
    }
  }

  /** The events of one command as the store records them, with the command's metadata. */
  private envelopesOf(
    request: Pick<AnyRequest, 'streamName' | 'meta' | 'commandName'>,
    events: readonly TrackerEvent[],
    commandHash: string | null,
    deterministicIds: boolean,
  ): NewEvent[] {
    const { meta, streamName } = request;
    const recordedAt = this.instantOf(meta).toISOString();
    return events.map((event, index) => ({
      eventId:
        meta.idempotencyKey && deterministicIds
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
    return this.remember(
      streamName,
      decider,
      known,
      since,
      since[since.length - 1]?.revision ?? known?.revision ?? null,
    );
  }

  /**
   * What this writer appended is what the next read of the stream would return: folded into the
   * cache now, the next command on the stream reads no event. Its data goes through JSON as the
   * store's does, so the state is the one a read would fold; each event carries the append's
   * position (its last event's), which is all a retry's answer reads of it.
   */
  private rememberAppended<S>(
    streamName: string,
    decider: Pick<Decider<unknown, TrackerEvent, S>, 'initialState' | 'evolve' | 'eventTypes'>,
    folded: FoldedStream<S>,
    envelopes: readonly NewEvent[],
    appended: AppendResult,
  ): void {
    const events = envelopes.map((e) => ({
      type: e.type,
      schemaVersion: e.schemaVersion,
      data: JSON.parse(JSON.stringify(e.data)) as unknown,
      metadata: e.metadata,
      position: appended.position,
    }));
    this.remember(streamName, decider, folded, events, appended.nextExpectedRevision);
  }

  /** Folds events recorded after `known` into it, and keeps the result for the stream's next command. */
  private remember<E extends TrackerEvent, S>(
    streamName: string,
    decider: Pick<Decider<unknown, E, S>, 'initialState' | 'evolve' | 'eventTypes'>,
    known: FoldedStream<S> | undefined,
    events: readonly KeyedEvent[],
    revision: bigint | null,
  ): FoldedStream<S> {
    const keyed = known?.keyed ?? new Map<string, KeyedEvent[]>();
    let state = known?.state ?? decider.initialState();
    const decode = streamDecoder(decider.eventTypes);
    for (const event of events) {
      const decoded = decode(event);
      if (decoded !== undefined) state = decider.evolve(state, decoded);
      const { idempotencyKey, actor } = event.metadata;
      if (idempotencyKey) {
        const key = keyOf(actor.userId, idempotencyKey);
        keyed.set(key, [...(keyed.get(key) ?? []), event]);
      }
    }
    const folded = { state, revision, keyed };
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
