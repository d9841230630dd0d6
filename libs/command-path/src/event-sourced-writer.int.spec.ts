import { Actor, Decider } from '@tracker/domain';
import { EventStore, ReadStreamOptions, SqliteEventStore } from '@tracker/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clock, CourtCalendar } from './clock';
import { CommandMeta } from './command-meta';
import { EventSourcedWriter } from './event-sourced-writer';
import { IdempotencyKeyReusedError, PreconditionFailedError } from './write-errors';

/** A tally: the smallest decider with a rule (no more than 10 000) and a state built from history. */
type Added = { type: 'Added'; data: { by: number } };
type Add = { type: 'Add'; data: { by: number } };
const tally: Decider<Add, Added, number> = {
  initialState: () => 0,
  evolve: (total, event) => total + event.data.by,
  decide: (command, total) => {
    if (total + command.data.by > 10_000) throw new Error('over the limit');
    return [{ type: 'Added', data: { by: command.data.by } }];
  },
};

class FixedClock extends Clock {
  now = () => new Date('2026-11-20T02:00:00Z');
}

/** The store, counting the events each stream read returns (what a command had to fold). */
function counting(store: EventStore) {
  const reads: number[] = [];
  const spied = Object.create(store) as EventStore;
  spied.readStream = async (name: string, options?: ReadStreamOptions) => {
    const events = await store.readStream(name, options);
    reads.push(events.length);
    return events;
  };
  return { store: spied, reads };
}

const actor: Actor = { userId: 'u-1', role: 'department_head', departmentId: 'd-1', secretary: false };
const meta = (over: Partial<CommandMeta> = {}): CommandMeta => ({
  actor,
  idempotencyKey: null,
  correlationId: 'c-1',
  causationId: null,
  ...over,
});

describe('EventSourcedWriter (embedded store)', () => {
  let dir: string;
  let store: SqliteEventStore;
  const clock = new FixedClock();
  const calendar = new CourtCalendar(clock, 'Asia/Shanghai');
  const writerOn = (on: EventStore) => new EventSourcedWriter(on, clock, calendar);
  const add = (writer: EventSourcedWriter, by: number, over: Partial<CommandMeta> = {}) =>
    writer.write({
      streamName: 'tally-1',
      decider: tally,
      commandName: 'Add',
      meta: meta(over),
      command: () => ({ type: 'Add' as const, data: { by } }),
      result: (_events, total) => total,
    });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'writer-'));
    store = SqliteEventStore.open(join(dir, 'events.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('folds only what was recorded since its last command on a stream, however long the history', async () => {
    const { store: spied, reads } = counting(store);
    const writer = writerOn(spied);
    for (let i = 0; i < 50; i++) await add(writer, 1);
    reads.length = 0;
    const outcome = await add(writer, 1);
    expect(outcome.result).toBe(51);
    // The previous command's own event, nothing older.
    expect(reads).toEqual([1]);
  });

  it('sees what another process recorded in between, so its rules and If-Match hold', async () => {
    const mine = writerOn(store);
    const theirs = writerOn(store);
    await add(mine, 9_000);
    await add(theirs, 900);
    await expect(add(mine, 200)).rejects.toThrow('over the limit');
    await expect(add(mine, 1, { expectedRevision: 0n })).rejects.toBeInstanceOf(PreconditionFailedError);
    const outcome = await add(mine, 100, { expectedRevision: 1n });
    expect(outcome).toMatchObject({ result: 10_000, revision: 2n });
  });

  it('answers a retried key from the first attempt, in the same process or a fresh one', async () => {
    const first = writerOn(store);
    const once = await add(first, 5, { idempotencyKey: 'k-1' });
    await add(writerOn(store), 7);
    const again = await add(first, 5, { idempotencyKey: 'k-1', expectedRevision: 0n });
    const elsewhere = await add(writerOn(store), 5, { idempotencyKey: 'k-1' });
    for (const retry of [again, elsewhere]) expect(retry.position).toBe(once.position);
    expect((await store.readStream('tally-1')).map((e) => e.data)).toEqual([{ by: 5 }, { by: 7 }]);
    await expect(add(first, 6, { idempotencyKey: 'k-1' })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });
});
