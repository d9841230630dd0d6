import {
  sendUnaryData,
  Server,
  ServerCredentials,
  ServerReadableStream,
  ServerWritableStream,
  status,
} from '@grpc/grpc-js';
import { StreamIdentifier, Empty, UUID } from '@eventstore/db-client/generated/shared_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { AppendReq, AppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';

/**
 * TEST INFRASTRUCTURE ONLY — never a product feature or a default.
 *
 * An in-memory stand-in for the parts of EventStoreDB's gRPC protocol the tracker's adapter
 * uses, so the real `@eventstore/db-client` is exercised over real gRPC where no EventStoreDB
 * server can run. It serves the Streams service from the definitions the client ships in
 * `generated/` (Append; Read of a stream, of `$all`, and `$all` subscriptions with server-side
 * filters and checkpoints). Every other service and method (server features, BatchAppend,
 * gossip, ...) answers UNIMPLEMENTED, so the client falls back to what the double serves.
 *
 * Semantics followed (EventStoreDB documentation): stream revisions start at 0; `$all`
 * positions are (commit, prepare) pairs; events of one append share the commit position and
 * have increasing prepare positions below it; a read of a missing stream answers
 * StreamNotFound; `$all` subscriptions start strictly after the given position; an append
 * whose event ids are already the stream's events at the expected place is idempotent.
 */

interface StoredEvent {
  streamName: string;
  revision: bigint;
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
  created: bigint;
  commit: bigint;
  prepare: bigint;
}

interface Filter {
  on: 'stream' | 'type';
  regex: RegExp | null;
  prefixes: string[];
}

interface LiveSubscription {
  call: ServerWritableStream<ReadReq, ReadResp>;
  next: number;
  filter: Filter | null;
  /** Send a checkpoint after this many events scanned without a match (EventStoreDB's window). */
  checkpointEvery: number;
  scannedSinceCheckpoint: number;
}

/** Bytes a log record takes in this double's imaginary transaction file; only ordering matters. */
const RECORD_OVERHEAD = 120n;
const TICKS_PER_MS = 10_000n;
const UNIX_EPOCH_TICKS = 621_355_968_000_000_000n;

export class EsdbDouble {
  private readonly server = new Server();
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly subscriptions = new Set<LiveSubscription>();
  private logPosition = 0n;
  private port = 0;
  /** Subscriptions opened since start, so a test can see that a dropped one was reopened. */
  subscriptionsOpened = 0;
  /** Events sent to subscribers, to check that filtering happens on the server. */
  subscriptionEventsSent = 0;
  private refusalsLeft = 0;

  private constructor() {
    this.server.addService(StreamsService, {
      read: (call: ServerWritableStream<ReadReq, ReadResp>) => this.read(call),
      append: (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>) =>
        this.append(call, callback),
    });
    // A fresh EventStoreDB already holds system events; the tracker must never see them.
    this.write('$settings', [
      {
        id: '00000000-0000-4000-8000-000000000001',
        type: '$settings',
        contentType: 'application/json',
        data: Buffer.from('{}'),
        customMetadata: new Uint8Array(),
      },
    ]);
  }

  static async start(): Promise<EsdbDouble> {
    const double = new EsdbDouble();
    double.port = await new Promise<number>((resolve, reject) =>
      double.server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, port) =>
        error ? reject(error) : resolve(port),
      ),
    );
    return double;
  }

  /** host:port the double listens on. */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  get connectionString(): string {
    return `esdb://${this.address}?tls=false`;
  }

  /** Ends every live subscription with UNAVAILABLE, as a node restart or leader change would. */
  dropSubscriptions(): number {
    const dropped = [...this.subscriptions];
    this.subscriptions.clear();
    for (const subscription of dropped) {
      // grpc-js sends an emitted error to the client as the call's status; destroy() would not.
      fail(subscription.call, status.UNAVAILABLE, 'Subscription dropped by the test double');
    }
    return dropped.length;
  }

  /** The next `count` subscription requests fail with UNAVAILABLE, as while a node is down. */
  refuseSubscriptions(count: number): void {
    this.refusalsLeft = count;
  }

  get activeSubscriptions(): number {
    return this.subscriptions.size;
  }

  async stop(): Promise<void> {
    this.dropSubscriptions();
    this.server.forceShutdown();
  }

  // ---- Append -------------------------------------------------------------------------------

  private append(
    call: ServerReadableStream<AppendReq, AppendResp>,
    callback: sendUnaryData<AppendResp>,
  ): void {
    let options: AppendReq.Options | undefined;
    const proposed: Omit<StoredEvent, 'streamName' | 'revision' | 'created' | 'commit' | 'prepare'>[] = [];
    call.on('data', (request: AppendReq) => {
      if (request.hasOptions()) options = request.getOptions();
      else if (request.hasProposedMessage()) {
        const message = request.getProposedMessage() as AppendReq.ProposedMessage;
        const metadata = message.getMetadataMap();
        proposed.push({
          id: uuidText(message.getId()),
          type: metadata.get('type') ?? '',
          contentType: metadata.get('content-type') ?? 'application/octet-stream',
          data: message.getData_asU8(),
          customMetadata: message.getCustomMetadata_asU8(),
        });
      }
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      if (!options) {
        callback({ code: status.INVALID_ARGUMENT, details: 'Append without options' });
        return;
      }
      callback(null, this.decideAppend(options, proposed));
    });
  }

  private decideAppend(
    options: AppendReq.Options,
    proposed: Omit<StoredEvent, 'streamName' | 'revision' | 'created' | 'commit' | 'prepare'>[],
  ): AppendResp {
    const streamName = streamNameOf(options.getStreamIdentifier());
    const existing = this.streams.get(streamName) ?? [];
    const current = existing.length === 0 ? null : BigInt(existing.length - 1);
    const Case = AppendReq.Options.ExpectedStreamRevisionCase;
    const expectedCase = options.getExpectedStreamRevisionCase();
    const expectedRevision = expectedCase === Case.REVISION ? BigInt(options.getRevision()) : null;
    const response = new AppendResp();

    // Idempotent retry: the ids are already recorded right where the expectation puts them.
    const from =
      expectedCase === Case.NO_STREAM ? 0 : expectedRevision !== null ? Number(expectedRevision) + 1 : -1;
    const retried =
      proposed.length > 0 ? this.findRetry(existing, proposed, expectedCase === Case.ANY ? -1 : from) : null;
    if (retried) {
      response.setSuccess(success(retried.revision, retried));
      return response;
    }

    const matches =
      expectedCase === Case.ANY ||
      (expectedCase === Case.NO_STREAM && current === null) ||
      (expectedCase === Case.STREAM_EXISTS && current !== null) ||
      (expectedRevision !== null && expectedRevision === current);
    if (!matches) {
      const wrong = new AppendResp.WrongExpectedVersion();
      if (current === null) wrong.setCurrentNoStream(new Empty());
      else wrong.setCurrentRevision(current.toString());
      if (expectedRevision !== null) wrong.setExpectedRevision(expectedRevision.toString());
      else if (expectedCase === Case.NO_STREAM) wrong.setExpectedNoStream(new Empty());
      else if (expectedCase === Case.STREAM_EXISTS) wrong.setExpectedStreamExists(new Empty());
      else wrong.setExpectedAny(new Empty());
      response.setWrongExpectedVersion(wrong);
      return response;
    }
    if (proposed.length === 0) {
      const empty = new AppendResp.Success();
      if (current === null) empty.setNoStream(new Empty());
      else empty.setCurrentRevision(current.toString());
      empty.setNoPosition(new Empty());
      response.setSuccess(empty);
      return response;
    }
    const last = this.write(streamName, proposed);
    response.setSuccess(success(last.revision, last));
    return response;
  }

  /** The recorded events matching `proposed` by id, consecutively, from `from` (-1: anywhere). */
  private findRetry(existing: StoredEvent[], proposed: { id: string }[], from: number): StoredEvent | null {
    const start = from >= 0 ? from : existing.findIndex((event) => event.id === proposed[0].id);
    if (start < 0 || start + proposed.length > existing.length) return null;
    const same = proposed.every((event, i) => existing[start + i].id === event.id);
    return same ? existing[start + proposed.length - 1] : null;
  }

  private write(
    streamName: string,
    proposed: Omit<StoredEvent, 'streamName' | 'revision' | 'created' | 'commit' | 'prepare'>[],
  ): StoredEvent {
    const existing = this.streams.get(streamName) ?? [];
    this.streams.set(streamName, existing);
    const created = BigInt(Date.now()) * TICKS_PER_MS + UNIX_EPOCH_TICKS;
    const prepares = proposed.map((event) => {
      const prepare = this.logPosition;
      this.logPosition += RECORD_OVERHEAD + BigInt(event.data.length + event.customMetadata.length);
      return prepare;
    });
    const commit = this.logPosition;
    this.logPosition += RECORD_OVERHEAD;
    const stored = proposed.map((event, i) => ({
      ...event,
      streamName,
      revision: BigInt(existing.length + i),
      created,
      commit,
      prepare: prepares[i],
    }));
    existing.push(...stored);
    this.log.push(...stored);
    for (const subscription of this.subscriptions) this.pump(subscription);
    return stored[stored.length - 1];
  }

  // ---- Read ---------------------------------------------------------------------------------

  private read(call: ServerWritableStream<ReadReq, ReadResp>): void {
    const options = call.request.getOptions();
    if (!options) {
      fail(call, status.INVALID_ARGUMENT, 'Read without options');
      return;
    }
    const Stream = ReadReq.Options.StreamOptionCase;
    if (options.getStreamOptionCase() === Stream.STREAM) {
      if (options.getCountOptionCase() === ReadReq.Options.CountOptionCase.SUBSCRIPTION) {
        fail(call, status.UNIMPLEMENTED, 'Stream subscriptions are not served by the double');
        return;
      }
      this.readStream(call, options);
    } else if (options.getCountOptionCase() === ReadReq.Options.CountOptionCase.SUBSCRIPTION) {
      this.subscribeToAll(call, options);
    } else {
      this.readAll(call, options);
    }
  }

  private readStream(call: ServerWritableStream<ReadReq, ReadResp>, options: ReadReq.Options): void {
    const streamOptions = options.getStream() as ReadReq.Options.StreamOptions;
    const streamName = streamNameOf(streamOptions.getStreamIdentifier());
    const events = this.streams.get(streamName);
    if (!events) {
      const notFound = new ReadResp.StreamNotFound();
      notFound.setStreamIdentifier(streamOptions.getStreamIdentifier());
      call.write(new ReadResp().setStreamNotFound(notFound));
      call.end();
      return;
    }
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    const Revision = ReadReq.Options.StreamOptions.RevisionOptionCase;
    const last = events.length - 1;
    let from: number;
    switch (streamOptions.getRevisionOptionCase()) {
      case Revision.REVISION:
        from = Number(BigInt(streamOptions.getRevision()));
        break;
      case Revision.END:
        from = backwards ? last : events.length;
        break;
      default:
        from = backwards ? -1 : 0;
    }
    let remaining = countOf(options);
    const selected: StoredEvent[] = [];
    if (backwards)
      for (let i = Math.min(from, last); i >= 0 && remaining > 0; i -= 1, remaining -= 1)
        selected.push(events[i]);
    else for (let i = from; i <= last && remaining > 0; i += 1, remaining -= 1) selected.push(events[i]);
    void this.writeAll(call, selected).then(() => call.end());
  }

  private readAll(call: ServerWritableStream<ReadReq, ReadResp>, options: ReadReq.Options): void {
    const all = options.getAll() as ReadReq.Options.AllOptions;
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    const filter = filterOf(options);
    const Case = ReadReq.Options.AllOptions.AllOptionCase;
    let candidates: StoredEvent[];
    if (all.getAllOptionCase() === Case.POSITION) {
      const position = all.getPosition() as ReadReq.Options.Position;
      const at = {
        commit: BigInt(position.getCommitPosition()),
        prepare: BigInt(position.getPreparePosition()),
      };
      // EventStoreDB reads $all from a position inclusively forwards and exclusively backwards.
      candidates = backwards
        ? this.log.filter((e) => compare(e, at) < 0).reverse()
        : this.log.filter((e) => compare(e, at) >= 0);
    } else if (all.getAllOptionCase() === Case.END) {
      candidates = backwards ? [...this.log].reverse() : [];
    } else {
      candidates = backwards ? [] : [...this.log];
    }
    const selected = candidates.filter((event) => matches(filter, event)).slice(0, countOf(options));
    void this.writeAll(call, selected).then(() => call.end());
  }

  private subscribeToAll(call: ServerWritableStream<ReadReq, ReadResp>, options: ReadReq.Options): void {
    if (this.refusalsLeft > 0) {
      this.refusalsLeft -= 1;
      fail(call, status.UNAVAILABLE, 'Node unavailable (refused by the test double)');
      return;
    }
    this.subscriptionsOpened += 1;
    const all = options.getAll() as ReadReq.Options.AllOptions;
    const Case = ReadReq.Options.AllOptions.AllOptionCase;
    let next = 0;
    if (all.getAllOptionCase() === Case.END) next = this.log.length;
    else if (all.getAllOptionCase() === Case.POSITION) {
      const position = all.getPosition() as ReadReq.Options.Position;
      const at = {
        commit: BigInt(position.getCommitPosition()),
        prepare: BigInt(position.getPreparePosition()),
      };
      next = this.log.findIndex((e) => compare(e, at) > 0);
      if (next < 0) next = this.log.length;
    }
    const filterOptions =
      options.getFilterOptionCase() === ReadReq.Options.FilterOptionCase.FILTER
        ? options.getFilter()
        : undefined;
    const window =
      filterOptions?.getWindowCase() === ReadReq.Options.FilterOptions.WindowCase.MAX
        ? filterOptions.getMax()
        : 32;
    const subscription: LiveSubscription = {
      call,
      next,
      filter: filterOf(options),
      checkpointEvery: Math.max(
        1,
        window * Math.max(1, filterOptions?.getCheckpointintervalmultiplier() ?? 1),
      ),
      scannedSinceCheckpoint: 0,
    };
    this.subscriptions.add(subscription);
    call.on('cancelled', () => this.subscriptions.delete(subscription));
    call.on('error', () => this.subscriptions.delete(subscription));
    const confirmation = new ReadResp.SubscriptionConfirmation();
    confirmation.setSubscriptionId(`double-${this.subscriptionsOpened}`);
    call.write(new ReadResp().setConfirmation(confirmation));
    this.pump(subscription);
    call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
  }

  /** Sends a subscription every logged event it has not seen yet. */
  private pump(subscription: LiveSubscription): void {
    if (!this.subscriptions.has(subscription)) return;
    while (subscription.next < this.log.length) {
      const event = this.log[subscription.next];
      subscription.next += 1;
      if (matches(subscription.filter, event)) {
        subscription.scannedSinceCheckpoint = 0;
        this.subscriptionEventsSent += 1;
        subscription.call.write(new ReadResp().setEvent(readEvent(event)));
      } else if ((subscription.scannedSinceCheckpoint += 1) >= subscription.checkpointEvery) {
        subscription.scannedSinceCheckpoint = 0;
        const checkpoint = new ReadResp.Checkpoint();
        checkpoint.setCommitPosition(event.commit.toString());
        checkpoint.setPreparePosition(event.prepare.toString());
        subscription.call.write(new ReadResp().setCheckpoint(checkpoint));
      }
    }
  }

  /** Writes with back-pressure, so 1 MB events do not pile up in memory. */
  private async writeAll(
    call: ServerWritableStream<ReadReq, ReadResp>,
    events: StoredEvent[],
  ): Promise<void> {
    for (const event of events) {
      if (call.cancelled) return;
      if (!call.write(new ReadResp().setEvent(readEvent(event)))) {
        await new Promise((resolve) => call.once('drain', resolve));
      }
    }
  }
}

function fail(call: ServerWritableStream<ReadReq, ReadResp>, code: status, details: string): void {
  call.emit('error', Object.assign(new Error(details), { code, details }));
}

function streamNameOf(identifier: StreamIdentifier | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

function uuidText(uuid: UUID | undefined): string {
  if (!uuid) return '';
  if (uuid.hasString()) return uuid.getString();
  const structured = uuid.getStructured() as UUID.Structured;
  const hex =
    BigInt.asUintN(64, BigInt(structured.getMostSignificantBits())).toString(16).padStart(16, '0') +
    BigInt.asUintN(64, BigInt(structured.getLeastSignificantBits())).toString(16).padStart(16, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function success(revision: bigint, at: { commit: bigint; prepare: bigint }): AppendResp.Success {
  const result = new AppendResp.Success();
  result.setCurrentRevision(revision.toString());
  const position = new AppendResp.Position();
  position.setCommitPosition(at.commit.toString());
  position.setPreparePosition(at.prepare.toString());
  result.setPosition(position);
  return result;
}

function countOf(options: ReadReq.Options): number {
  const count = BigInt(options.getCount());
  return count > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(count);
}

function filterOf(options: ReadReq.Options): Filter | null {
  if (options.getFilterOptionCase() !== ReadReq.Options.FilterOptionCase.FILTER) return null;
  const filter = options.getFilter() as ReadReq.Options.FilterOptions;
  const on =
    filter.getFilterCase() === ReadReq.Options.FilterOptions.FilterCase.STREAM_IDENTIFIER ? 'stream' : 'type';
  const expression = (
    on === 'stream' ? filter.getStreamIdentifier() : filter.getEventType()
  ) as ReadReq.Options.FilterOptions.Expression;
  const regex = expression.getRegex();
  return { on, regex: regex ? new RegExp(regex) : null, prefixes: expression.getPrefixList() };
}

function matches(filter: Filter | null, event: StoredEvent): boolean {
  if (!filter) return true;
  const subject = filter.on === 'stream' ? event.streamName : event.type;
  if (filter.regex) return filter.regex.test(subject);
  return filter.prefixes.some((prefix) => subject.startsWith(prefix));
}

function compare(event: StoredEvent, at: { commit: bigint; prepare: bigint }): number {
  if (event.commit !== at.commit) return event.commit < at.commit ? -1 : 1;
  return event.prepare === at.prepare ? 0 : event.prepare < at.prepare ? -1 : 1;
}

function readEvent(event: StoredEvent): ReadResp.ReadEvent {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  recorded.setId(new UUID().setString(event.id));
  recorded.setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(event.streamName, 'utf8')));
  recorded.setStreamRevision(event.revision.toString());
  recorded.setCommitPosition(event.commit.toString());
  recorded.setPreparePosition(event.prepare.toString());
  const metadata = recorded.getMetadataMap();
  metadata.set('type', event.type);
  metadata.set('content-type', event.contentType);
  metadata.set('created', event.created.toString());
  recorded.setData(event.data);
  recorded.setCustomMetadata(event.customMetadata);
  const read = new ReadResp.ReadEvent();
  read.setEvent(recorded);
  read.setCommitPosition(event.commit.toString());
  return read;
}
