import { randomUUID } from 'node:crypto';
import { ConcurrencyError } from '../errors';
import { EventMetadata, FeedEvent, NewEvent, RecordedEvent } from '../event';
import { AllFilter, EventStore, Subscription } from '../event-store.port';
import { verifyStreamChain } from '../integrity';

/**
 * The behaviour every EventStore adapter must have. Only the port is tested here, and every
 * test works in streams and event types of its own (the store may be shared, as an
 * EventStoreDB server is, and hold events of other tests or system streams).
 */
export interface ContractOptions {
  /**
   * Makes the server end every live subscription (as a restart or leader change does); returns
   * how many it ended. Only stores with a server to drop them (the EventStoreDB test double) have it.
   */
  dropSubscriptions?: () => number | Promise<number>;
}

export function eventStoreContract(
  name: string,
  factory: () => Promise<{ store: EventStore; dispose(): Promise<void> }>,
  options: ContractOptions = {},
): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    let dispose: () => Promise<void>;
    let subscriptions: Subscription[];
    /** Unique per test: stream names start with it, event types end with it. */
    let tag: string;

    beforeEach(async () => {
      ({ store, dispose } = await factory());
      subscriptions = [];
      tag = `c${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    });

    afterEach(async () => {
      await Promise.all(subscriptions.map((subscription) => subscription.stop()));
      await dispose();
    });

    const stream = (label: string): string => `${tag}-${label}`;
    const type = (label: string): string => `${label}.${tag}`;
    const subscribe = (...args: Parameters<EventStore['subscribeToAll']>): Subscription => {
      const subscription = store.subscribeToAll(...args);
      subscriptions.push(subscription);
      return subscription;
    };
    const ownFilter = (): AllFilter => ({ streamPrefixes: [`${tag}-`] });
    const ids = (events: readonly { eventId: string }[]): string[] => events.map((e) => e.eventId);

    describe('appending', () => {
      it('creates a stream with no_stream and reports its last revision and position', async () => {
        const events = [newEvent(type('Opened')), newEvent(type('Noted'))];

        const result = await store.appendToStream(stream('a'), events, 'no_stream');

        const recorded = await store.readStream(stream('a'));
        expect(ids(recorded)).toEqual(ids(events));
        expect(result.nextExpectedRevision).toBe(1n);
        expect(result.position).toBe(recorded[1].position);
      });

      it('appends at the exact expected revision', async () => {
        await store.appendToStream(stream('a'), [newEvent(type('Opened'))], 'no_stream');

        const result = await store.appendToStream(stream('a'), [newEvent(type('Noted'))], 0n);

        expect(result.nextExpectedRevision).toBe(1n);
        expect(await store.readStream(stream('a'))).toHaveLength(2);
      });

      it('refuses a stale exact revision with ConcurrencyError and writes nothing', async () => {
        await store.appendToStream(
          stream('a'),
          [newEvent(type('Opened')), newEvent(type('Noted'))],
          'no_stream',
        );

        const stale = store.appendToStream(stream('a'), [newEvent(type('Late')), newEvent(type('Late'))], 0n);

        await expect(stale).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(stale).rejects.toMatchObject({ streamName: stream('a'), expected: '0', actual: '1' });
        const recorded = await store.readStream(stream('a'));
        expect(recorded.map((e) => e.type)).toEqual([type('Opened'), type('Noted')]);
        const feed = await store.readAll({ filter: { eventTypes: [type('Late')] } });
        expect(feed).toEqual([]);
      });

      it('refuses an exact revision on a stream that does not exist', async () => {
        await expect(store.appendToStream(stream('a'), [newEvent(type('Opened'))], 0n)).rejects.toMatchObject(
          {
            name: 'ConcurrencyError',
            expected: '0',
            actual: 'no_stream',
          },
        );
        expect(await store.readStream(stream('a'))).toEqual([]);
      });

      it('refuses no_stream on an existing stream', async () => {
        await store.appendToStream(stream('a'), [newEvent(type('Opened'))], 'no_stream');

        const again = store.appendToStream(stream('a'), [newEvent(type('Opened'))], 'no_stream');

        await expect(again).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(again).rejects.toMatchObject({ expected: 'no_stream', actual: '0' });
        expect(await store.readStream(stream('a'))).toHaveLength(1);
      });

      it('refuses stream_exists on a missing stream and accepts it on an existing one', async () => {
        const missing = store.appendToStream(stream('a'), [newEvent(type('Noted'))], 'stream_exists');
        await expect(missing).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(missing).rejects.toMatchObject({ expected: 'stream_exists', actual: 'no_stream' });
        expect(await store.readStream(stream('a'))).toEqual([]);

        await store.appendToStream(stream('a'), [newEvent(type('Opened'))], 'no_stream');
        const result = await store.appendToStream(stream('a'), [newEvent(type('Noted'))], 'stream_exists');
        expect(result.nextExpectedRevision).toBe(1n);
      });

      it('appends with any whether or not the stream exists', async () => {
        const first = await store.appendToStream(stream('a'), [newEvent(type('Opened'))], 'any');
        const second = await store.appendToStream(stream('a'), [newEvent(type('Noted'))], 'any');

        expect(first.nextExpectedRevision).toBe(0n);
        expect(second.nextExpectedRevision).toBe(1n);
        expect(second.position).toBeGreaterThan(first.position);
      });

      it('checks the expectation of an empty append and reports the current revision', async () => {
        await store.appendToStream(
          stream('a'),
          [newEvent(type('Opened')), newEvent(type('Noted'))],
          'no_stream',
        );

        await expect(store.appendToStream(stream('a'), [], 0n)).rejects.toBeInstanceOf(ConcurrencyError);
        const result = await store.appendToStream(stream('a'), [], 1n);

        expect(result.nextExpectedRevision).toBe(1n);
        expect(await store.readStream(stream('a'))).toHaveLength(2);
      });

      it('records a retried append of the same event ids once', async () => {
        const events = [newEvent(type('Opened')), newEvent(type('Noted'))];
        const original = await store.appendToStream(stream('a'), events, 'no_stream');

        const retried = await store.appendToStream(stream('a'), events, 'no_stream');
        const retriedWithAny = await store.appendToStream(stream('a'), events, 'any');

        expect(retried.nextExpectedRevision).toBe(original.nextExpectedRevision);
        expect(retriedWithAny.nextExpectedRevision).toBe(original.nextExpectedRevision);
        expect(ids(await store.readStream(stream('a')))).toEqual(ids(events));
        expect(ids(await store.readAll({ filter: ownFilter() }))).toEqual(ids(events));
      });

      it('lets exactly one of concurrent appends at the same expected revision succeed', async () => {
        await store.appendToStream(stream('a'), [newEvent(type('Opened'))], 'no_stream');

        const attempts = await Promise.allSettled(
          Array.from({ length: 20 }, (_, i) =>
            store.appendToStream(stream('a'), [newEvent(type('Raced'), { attempt: i })], 0n),
          ),
        );

        const succeeded = attempts.filter((attempt) => attempt.status === 'fulfilled');
        const failed = attempts.filter(
          (attempt): attempt is PromiseRejectedResult => attempt.status === 'rejected',
        );
        expect(succeeded).toHaveLength(1);
        expect(failed).toHaveLength(19);
        for (const failure of failed) expect(failure.reason).toBeInstanceOf(ConcurrencyError);
        const recorded = await store.readStream(stream('a'));
        expect(recorded.map((e) => e.revision)).toEqual([0n, 1n]);
      });
    });

    describe('reading a stream', () => {
      let recorded: RecordedEvent[];

      beforeEach(async () => {
        await store.appendToStream(stream('s'), [newEvent(type('E')), newEvent(type('E'))], 'no_stream');
        await store.appendToStream(
          stream('s'),
          [newEvent(type('E')), newEvent(type('E')), newEvent(type('E'))],
          1n,
        );
        recorded = await store.readStream(stream('s'));
      });

      const revisions = (events: RecordedEvent[]): bigint[] => events.map((e) => e.revision);

      it('reads a missing stream as an empty list', async () => {
        expect(await store.readStream(stream('missing'))).toEqual([]);
        expect(await store.readStream(stream('missing'), { direction: 'backwards' })).toEqual([]);
      });

      it('numbers revisions as contiguous bigints from 0 across appends', () => {
        expect(recorded).toHaveLength(5);
        for (const event of recorded) {
          expect(typeof event.revision).toBe('bigint');
          expect(typeof event.position).toBe('bigint');
        }
        expect(revisions(recorded)).toEqual([0n, 1n, 2n, 3n, 4n]);
        expect(recorded.every((e) => e.streamName === stream('s'))).toBe(true);
      });

      it('reads forwards from a revision, inclusive', async () => {
        expect(revisions(await store.readStream(stream('s'), { fromRevision: 2n }))).toEqual([2n, 3n, 4n]);
        expect(await store.readStream(stream('s'), { fromRevision: 5n })).toEqual([]);
      });

      it('reads backwards, from the end or from a revision', async () => {
        expect(revisions(await store.readStream(stream('s'), { direction: 'backwards' }))).toEqual([
          4n,
          3n,
          2n,
          1n,
          0n,
        ]);
        expect(
          revisions(await store.readStream(stream('s'), { direction: 'backwards', fromRevision: 2n })),
        ).toEqual([2n, 1n, 0n]);
      });

      it('limits the count in either direction', async () => {
        expect(revisions(await store.readStream(stream('s'), { maxCount: 2 }))).toEqual([0n, 1n]);
        expect(
          revisions(await store.readStream(stream('s'), { direction: 'backwards', maxCount: 2 })),
        ).toEqual([4n, 3n]);
        expect(revisions(await store.readStream(stream('s'), { fromRevision: 3n, maxCount: 1 }))).toEqual([
          3n,
        ]);
      });

      it('returns the same events in either direction', async () => {
        const backwards = await store.readStream(stream('s'), { direction: 'backwards' });
        expect(backwards.reverse()).toEqual(recorded);
      });
    });

    describe('reading all', () => {
      let appended: NewEvent[];

      beforeEach(async () => {
        // Interleaved across streams, so feed order differs from grouping by stream.
        appended = [];
        const steps: Array<[string, string]> = [
          ['task-1', 'Opened'],
          ['task-2', 'Opened'],
          ['task-1', 'Noted'],
          ['note-1', 'Noted'],
          ['task-2', 'Closed'],
        ];
        for (const [label, kind] of steps) {
          const event = newEvent(type(kind));
          await store.appendToStream(stream(label), [event], 'any');
          appended.push(event);
        }
      });

      it('returns events across streams in append order with strictly increasing positions', async () => {
        const feed = await store.readAll({ filter: ownFilter() });

        expect(ids(feed)).toEqual(ids(appended));
        for (let i = 1; i < feed.length; i += 1)
          expect(feed[i].position).toBeGreaterThan(feed[i - 1].position);
        expect(feed.map((e) => e.streamName)).toEqual(
          ['task-1', 'task-2', 'task-1', 'note-1', 'task-2'].map((label) => stream(label)),
        );
      });

      it('reads strictly after the given position, and limits the count', async () => {
        const feed = await store.readAll({ filter: ownFilter() });

        const after = await store.readAll({ after: feed[1].position, filter: ownFilter() });
        const limited = await store.readAll({ after: feed[1].position, filter: ownFilter(), maxCount: 2 });

        expect(ids(after)).toEqual(ids(appended.slice(2)));
        expect(ids(limited)).toEqual(ids(appended.slice(2, 4)));
        expect(await store.readAll({ after: feed[4].position, filter: ownFilter() })).toEqual([]);
      });

      it('filters by event type', async () => {
        const feed = await store.readAll({ filter: { eventTypes: [type('Noted'), type('Closed')] } });

        expect(ids(feed)).toEqual(ids([appended[2], appended[3], appended[4]]));
      });

      it('filters by stream prefix', async () => {
        const feed = await store.readAll({
          filter: { streamPrefixes: [stream('task-'), stream('nothing')] },
        });

        expect(ids(feed)).toEqual(ids([appended[0], appended[1], appended[2], appended[4]]));
      });

      it('applies type and prefix filters together', async () => {
        const feed = await store.readAll({
          filter: { eventTypes: [type('Noted')], streamPrefixes: [stream('task-')] },
        });

        expect(ids(feed)).toEqual(ids([appended[2]]));
      });

      it('matches a prefix literally and case-sensitively', async () => {
        await store.appendToStream(`${tag.toUpperCase()}-task-9`, [newEvent(type('Opened'))], 'no_stream');
        await store.appendToStream(`${tag}_x%-task`, [newEvent(type('Opened'))], 'no_stream');

        const upper = await store.readAll({ filter: { streamPrefixes: [`${tag.toUpperCase()}-`] } });
        const wildcards = await store.readAll({ filter: { streamPrefixes: [`${tag}_%`] } });

        expect(upper.map((e) => e.streamName)).toEqual([`${tag.toUpperCase()}-task-9`]);
        expect(wildcards).toEqual([]);
      });

      it('reads the same feed for folding, with the fields a fold reads', async () => {
        const foldedFields = (e: FeedEvent) => ({
          eventId: e.eventId,
          type: e.type,
          schemaVersion: e.schemaVersion,
          streamName: e.streamName,
          revision: e.revision,
          position: e.position,
          data: e.data,
          metadata: e.metadata,
        });
        const first = (await store.readAll({ filter: ownFilter() }))[0].position;
        const cases = [
          { filter: ownFilter() },
          { after: first, filter: ownFilter(), maxCount: 2 },
          { filter: { eventTypes: [type('Noted')], streamPrefixes: [stream('task-')] } },
        ];
        for (const options of cases) {
          const full = await store.readAll(options);
          const feed = await store.readFeed(options);

          expect(feed.map(foldedFields)).toEqual(full.map(foldedFields));
        }
        expect(ids(await store.readFeed({ after: first, filter: ownFilter(), maxCount: 2 }))).toEqual(
          ids(appended.slice(1, 3)),
        );
      });
    });

    describe('the event at a position', () => {
      it('finds each recorded event by its position, and nothing at a position no event has', async () => {
        await store.appendToStream(stream('a'), [newEvent(type('E')), newEvent(type('E'))], 'no_stream');
        await store.appendToStream(stream('b'), [newEvent(type('F'))], 'no_stream');
        const recorded = await store.readAll({ filter: ownFilter() });

        for (const event of recorded) {
          expect((await store.eventAt(event.position))?.eventId).toBe(event.eventId);
        }
        const last = recorded[recorded.length - 1].position;
        expect(await store.eventAt(last + (1n << 70n))).toBeUndefined();
      });
    });

    describe('subscribing to all', () => {
      it('delivers every event after the checkpoint exactly once and in order, then live ones', async () => {
        const before = [newEvent(type('E')), newEvent(type('E')), newEvent(type('E'))];
        await store.appendToStream(stream('a'), before.slice(0, 2), 'no_stream');
        await store.appendToStream(stream('b'), before.slice(2), 'no_stream');
        const checkpoint = (await store.readAll({ filter: ownFilter() }))[0].position;
        const received: RecordedEvent[] = [];

        subscribe({ after: checkpoint, filter: ownFilter() }, (event) => {
          received.push(event);
        });
        await waitFor(() => received.length >= 2);

        const live: NewEvent[] = [];
        for (let i = 0; i < 6; i += 1) {
          const batch = [newEvent(type('E')), newEvent(type('E'))];
          await store.appendToStream(stream(i % 2 === 0 ? 'a' : 'b'), batch, 'any');
          live.push(...batch);
          if (i % 3 === 0) await sleep(20);
        }
        const last = newEvent(type('Last'));
        await store.appendToStream(stream('c'), [last], 'no_stream');
        await waitFor(() => received.some((e) => e.eventId === last.eventId));

        expect(received).toHaveLength(2 + 12 + 1);
        expect(ids(received)).toEqual(ids([...before.slice(1), ...live, last]));
        for (let i = 1; i < received.length; i += 1) {
          expect(received[i].position).toBeGreaterThan(received[i - 1].position);
        }
      });

      it('awaits the handler before delivering the next event', async () => {
        await store.appendToStream(
          stream('a'),
          [newEvent(type('E')), newEvent(type('E')), newEvent(type('E'))],
          'no_stream',
        );
        let running = 0;
        let mostAtOnce = 0;
        let handled = 0;

        subscribe({ filter: ownFilter() }, async () => {
          running += 1;
          mostAtOnce = Math.max(mostAtOnce, running);
          await sleep(15);
          running -= 1;
          handled += 1;
        });
        await store.appendToStream(stream('a'), [newEvent(type('E'))], 2n);
        await waitFor(() => handled === 4);

        expect(mostAtOnce).toBe(1);
      });

      it('applies the filter to catch-up and live events', async () => {
        await store.appendToStream(
          stream('a'),
          [newEvent(type('Wanted')), newEvent(type('Other'))],
          'no_stream',
        );
        const received: RecordedEvent[] = [];

        subscribe({ filter: { eventTypes: [type('Wanted')] } }, (event) => {
          received.push(event);
        });
        await store.appendToStream(stream('a'), [newEvent(type('Other')), newEvent(type('Wanted'))], 1n);
        await waitFor(() => received.length >= 2);
        const end = newEvent(type('Wanted'));
        await store.appendToStream(stream('b'), [newEvent(type('Other')), end], 'no_stream');
        await waitFor(() => received.some((e) => e.eventId === end.eventId));

        expect(received.map((e) => e.type)).toEqual([type('Wanted'), type('Wanted'), type('Wanted')]);
        expect(received.map((e) => e.revision)).toEqual([0n, 3n, 1n]);
      });

      it('resumes from the last processed position after stop() without loss or duplicates', async () => {
        const all: NewEvent[] = [];
        const append = async (count: number): Promise<void> => {
          for (let i = 0; i < count; i += 1) {
            const event = newEvent(type('E'), { i: all.length });
            await store.appendToStream(stream('a'), [event], 'any');
            all.push(event);
          }
        };
        await append(5);
        const firstRun: RecordedEvent[] = [];
        const first = subscribe({ filter: ownFilter() }, (event) => {
          firstRun.push(event);
        });
        await waitFor(() => firstRun.length >= 3);
        await append(3);

        await first.stop();
        const stoppedAt = firstRun.length;
        await append(4);
        await sleep(100);
        expect(firstRun).toHaveLength(stoppedAt);

        const secondRun: RecordedEvent[] = [];
        subscribe({ after: firstRun[firstRun.length - 1].position, filter: ownFilter() }, (event) => {
          secondRun.push(event);
        });
        await waitFor(() => firstRun.length + secondRun.length >= all.length);
        await append(1);
        await waitFor(() => firstRun.length + secondRun.length >= all.length);

        expect(ids([...firstRun, ...secondRun])).toEqual(ids(all));
      });

      const { dropSubscriptions } = options;
      if (dropSubscriptions) {
        it('resumes after the server drops it, delivering every event exactly once and in order', async () => {
          const all: NewEvent[] = [];
          const append = async (count: number): Promise<void> => {
            for (let i = 0; i < count; i += 1) {
              const batch = [
                newEvent(type('E'), { i: all.length }),
                newEvent(type('E'), { i: all.length + 1 }),
              ];
              await store.appendToStream(stream(i % 2 === 0 ? 'a' : 'b'), batch, 'any');
              all.push(...batch);
            }
          };
          await append(20);
          const received: RecordedEvent[] = [];
          const drops: number[] = [];
          /** Drops as soon as there is a live subscription to drop (it may be between resubscriptions). */
          const drop = async (): Promise<void> => {
            const deadline = Date.now() + 4000;
            let dropped = await dropSubscriptions();
            while (dropped === 0 && Date.now() < deadline) {
              await sleep(10);
              dropped = await dropSubscriptions();
            }
            drops.push(dropped);
          };

          subscribe({ filter: ownFilter() }, async (event) => {
            received.push(event);
            // Mid catch-up, with events the client has already buffered but not handled.
            if (received.length === 7) await drop();
          });
          await waitFor(() => received.length >= 40);
          await drop();
          await append(8);
          await drop();
          await append(7);
          await waitFor(() => received.length >= all.length);
          await sleep(200);

          expect(drops).toHaveLength(3);
          expect(drops.every((count) => count >= 1)).toBe(true);
          expect(received).toHaveLength(70);
          expect(ids(received)).toEqual(ids(all));
        });
      }

      it('stops delivery and reports a failing handler to onError', async () => {
        const events = [newEvent(type('E')), newEvent(type('E')), newEvent(type('E'))];
        await store.appendToStream(stream('a'), events, 'no_stream');
        const failure = new Error('projection failed');
        const seen: string[] = [];
        const errors: unknown[] = [];

        subscribe(
          { filter: ownFilter() },
          (event) => {
            seen.push(event.eventId);
            if (seen.length === 2) throw failure;
          },
          (error) => errors.push(error),
        );
        await waitFor(() => errors.length > 0);
        await store.appendToStream(stream('a'), [newEvent(type('E'))], 2n);
        await sleep(100);

        expect(errors).toEqual([failure]);
        expect(seen).toEqual(ids(events.slice(0, 2)));
      });
    });

    describe('payloads', () => {
      it('round-trips a payload of more than 1 MB', async () => {
        const data = {
          blob: 'x'.repeat(1024 * 1024 + 17),
          chinese: '整改'.repeat(50_000),
          list: range(2000),
        };
        await store.appendToStream(stream('a'), [newEvent(type('Big'), data)], 'no_stream');

        const [recorded] = await store.readStream(stream('a'));
        const [fromFeed] = await store.readAll({ filter: ownFilter() });

        expect(recorded.data).toEqual(data);
        expect(fromFeed.data).toEqual(data);
      });

      it('round-trips Chinese text and metadata exactly', async () => {
        const data = {
          title: '关于加强党风廉政建设的整改措施',
          problem: { number: '一、（三）', text: '“两个责任”落实不到位；督促检查不够。' },
          people: ['张三', '李四'],
          emoji: '✅ 已完成 😀',
          nothing: null,
          count: 3,
          ratio: 0.25,
          done: false,
        };
        const metadata: EventMetadata = {
          actor: { userId: 'u-王五', role: '党组书记' },
          recordedAt: '2024-03-01T08:30:00.000Z',
          correlationId: randomUUID(),
          causationId: randomUUID(),
          idempotencyKey: '幂等-123',
          command: 'AssignMeasure',
        };
        const event: NewEvent = { ...newEvent(type('整改措施已下达'), data), schemaVersion: 3, metadata };
        await store.appendToStream(stream('a'), [event], 'no_stream');

        const [recorded] = await store.readStream(stream('a'));

        expect(recorded).toMatchObject({
          eventId: event.eventId,
          type: type('整改措施已下达'),
          schemaVersion: 3,
          streamName: stream('a'),
          revision: 0n,
        });
        expect(recorded.data).toEqual(data);
        expect(recorded.metadata).toEqual(metadata);
      });
    });

    describe('integrity chain', () => {
      it('links every event to the previous one and verifies', async () => {
        await store.appendToStream(stream('a'), [newEvent(type('E')), newEvent(type('E'))], 'no_stream');
        await store.appendToStream(stream('a'), [newEvent(type('E'), { note: '第三条' })], 1n);
        await store.appendToStream(stream('b'), [newEvent(type('E'))], 'no_stream');

        const recorded = await store.readStream(stream('a'));

        expect(recorded[0].previousHash).toBeNull();
        for (const event of recorded) expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(recorded[1].previousHash).toBe(recorded[0].hash);
        expect(recorded[2].previousHash).toBe(recorded[1].hash);
        expect(new Set(recorded.map((e) => e.hash)).size).toBe(3);
        expect(verifyStreamChain(recorded)).toEqual({ ok: true });
        expect(verifyStreamChain(await store.readStream(stream('b')))).toEqual({ ok: true });
      });

      it('fails verification of a tampered copy', async () => {
        await store.appendToStream(
          stream('a'),
          [
            newEvent(type('E'), { amount: 1 }),
            newEvent(type('E'), { amount: 2 }),
            newEvent(type('E'), { amount: 3 }),
          ],
          'no_stream',
        );
        const recorded = await store.readStream(stream('a'));
        const tampered = recorded.map((event) => ({ ...event }));
        tampered[1] = { ...tampered[1], data: { amount: 20 } };

        const result = verifyStreamChain(tampered);

        expect(result).toMatchObject({ ok: false, streamName: stream('a'), revision: 1n });
        expect(verifyStreamChain(recorded)).toEqual({ ok: true });
      });
    });
  });
}

function newEvent(type: string, data: unknown = { value: randomUUID() }): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata: {
      actor: { userId: 'user-1', role: 'admin' },
      recordedAt: '2024-01-02T03:04:05.000Z',
      correlationId: randomUUID(),
      causationId: null,
      idempotencyKey: null,
      command: null,
    },
  };
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `condition` holds; fails with a timeout rather than hanging the suite. */
async function waitFor(condition: () => boolean, timeoutMs = 4000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await sleep(5);
  }
}
