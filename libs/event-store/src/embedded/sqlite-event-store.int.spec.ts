import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConcurrencyError, EventStoreUnavailableError } from '../errors';
import { NewEvent, RecordedEvent } from '../event';
import { verifyStreamChain } from '../integrity';
import { eventStoreContract } from '../testing/event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';

let directory: string;
let fileCount = 0;
const newFile = (): string => join(directory, `store-${(fileCount += 1)}.db`);

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'event-store-'));
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

eventStoreContract('SqliteEventStore', async () => {
  const store = SqliteEventStore.open(newFile(), { pollIntervalMs: 50 });
  return { store, dispose: () => store.close() };
});

describe('SqliteEventStore', () => {
  const opened: SqliteEventStore[] = [];
  const open = (filePath: string, pollIntervalMs?: number): SqliteEventStore => {
    const store = SqliteEventStore.open(filePath, { pollIntervalMs });
    opened.push(store);
    return store;
  };

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  it('keeps events and hashes across close and reopen, and continues the chain', async () => {
    const file = newFile();
    const first = open(file);
    await first.appendToStream(
      'task-1',
      [newEvent('Opened'), newEvent('Noted', { text: '已整改' })],
      'no_stream',
    );
    await first.appendToStream('task-2', [newEvent('Opened')], 'no_stream');
    const before = await first.readAll();
    await first.close();

    const reopened = open(file);
    const after = await reopened.readAll();
    const result = await reopened.appendToStream('task-1', [newEvent('Closed')], 1n);

    expect(after).toEqual(before);
    expect(result.nextExpectedRevision).toBe(2n);
    expect(result.position).toBeGreaterThan(before[before.length - 1].position);
    const task1 = await reopened.readStream('task-1');
    expect(task1[2].previousHash).toBe(before[1].hash);
    expect(verifyStreamChain(task1)).toEqual({ ok: true });
  });

  it('creates the parent directory of a new file', async () => {
    const file = join(directory, 'nested', randomUUID(), 'events.db');
    const store = open(file);

    await store.appendToStream('s', [newEvent('E')], 'no_stream');

    expect(await store.readStream('s')).toHaveLength(1);
  });

  it('works in memory', async () => {
    const store = open(':memory:');
    await store.appendToStream('s', [newEvent('E'), newEvent('E')], 'no_stream');
    expect(verifyStreamChain(await store.readStream('s'))).toEqual({ ok: true });
  });

  it('uses WAL and records the schema version', async () => {
    const file = newFile();
    open(file);
    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.pragma('user_version', { simple: true })).toBe(1);
    } finally {
      raw.close();
    }
  });

  describe('group commit: appends made together share one transaction', () => {
    it('commits concurrent appends together, each checked on its own: a stale one fails alone and writes nothing', async () => {
      const store = open(newFile());
      await store.appendToStream('busy', [newEvent('Opened')], 'no_stream');
      const appends = Array.from({ length: 20 }, (_, i) =>
        store.appendToStream(`stream-${i}`, [newEvent('Opened'), newEvent('Noted')], 'no_stream'),
      );
      // Same stream twice in one group: the second sees the first, so one of them is stale.
      const first = store.appendToStream('busy', [newEvent('Noted', { n: 1 })], 0n);
      const stale = store.appendToStream('busy', [newEvent('Noted', { n: 2 })], 0n);
      const results = await Promise.allSettled([...appends, first, stale]);

      expect(results.slice(0, 21).every((r) => r.status === 'fulfilled')).toBe(true);
      expect(results[21]).toMatchObject({ status: 'rejected', reason: expect.any(ConcurrencyError) });
      expect((await store.readStream('busy')).map((e) => (e.data as { n?: number }).n)).toEqual([
        undefined,
        1,
      ]);
      const all = await store.readAll();
      expect(all).toHaveLength(1 + 40 + 1);
      // Positions still follow the order the appends were made in.
      const positions = results
        .slice(0, 21)
        .map((r) => (r as PromiseFulfilledResult<{ position: bigint }>).value.position);
      expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
      for (let i = 0; i < 20; i++)
        expect(verifyStreamChain(await store.readStream(`stream-${i}`))).toEqual({ ok: true });
    });

    it('commits appends already made before the store closes', async () => {
      const file = newFile();
      const store = SqliteEventStore.open(file);
      const appended = store.appendToStream('late', [newEvent('Opened')], 'no_stream');
      await store.close();
      await expect(appended).resolves.toMatchObject({ nextExpectedRevision: 0n });
      const reopened = open(file);
      expect(await reopened.readStream('late')).toHaveLength(1);
    });
  });

  describe('durability: an append is answered once its commit is on disk', () => {
    it('refuses an append whose commit cannot be flushed to disk, as unavailable (its outcome unknown)', async () => {
      const file = newFile();
      const store = open(file);
      await store.appendToStream('kept', [newEvent('Opened')], 'no_stream');
      // The log the commit must be flushed from is gone (a failing disk, as far as the store can tell).
      rmSync(`${file}-wal`);
      const appended = store.appendToStream('lost', [newEvent('Opened')], 'no_stream');
      await expect(appended).rejects.toThrow(EventStoreUnavailableError);
      await expect(appended).rejects.toThrow(/flushed to disk/);
    });
  });

  describe('immutability enforced by the database', () => {
    let file: string;
    let raw: Database.Database;
    let recorded: RecordedEvent[];

    beforeEach(async () => {
      file = newFile();
      const store = open(file);
      await store.appendToStream('task-1', [newEvent('Opened'), newEvent('Noted')], 'no_stream');
      recorded = await store.readStream('task-1');
      raw = new Database(file);
    });

    afterEach(() => raw.close());

    const rows = (): unknown[] => raw.prepare('SELECT * FROM events ORDER BY position').all();

    it('refuses UPDATE', () => {
      const before = rows();
      expect(() => raw.prepare(`UPDATE events SET data = '{"amount":20}' WHERE revision = 1`).run()).toThrow(
        /immutable: UPDATE refused/,
      );
      expect(rows()).toEqual(before);
    });

    it('refuses DELETE', () => {
      const before = rows();
      expect(() => raw.prepare('DELETE FROM events WHERE revision = 1').run()).toThrow(
        /immutable: DELETE refused/,
      );
      expect(rows()).toEqual(before);
    });

    it('refuses INSERT OR REPLACE over a recorded event', () => {
      const before = rows();
      const replace = raw.prepare(
        `INSERT OR REPLACE INTO events (stream_name, revision, event_id, type, schema_version, data, metadata, hash, previous_hash)
         VALUES ('task-1', 1, ?, 'Forged', 1, '{}', '{}', 'x', ?)`,
      );
      expect(() => replace.run(recorded[1].eventId, recorded[0].hash)).toThrow(/immutable/);
      expect(() => replace.run(randomUUID(), recorded[0].hash)).toThrow();
      expect(rows()).toEqual(before);
    });

    it('refuses an insert that skips a revision or breaks the hash link', () => {
      const insert = raw.prepare(
        `INSERT INTO events (stream_name, revision, event_id, type, schema_version, data, metadata, hash, previous_hash)
         VALUES ('task-1', ?, ?, 'Forged', 1, '{}', '{}', 'x', ?)`,
      );
      expect(() => insert.run(3, randomUUID(), recorded[1].hash)).toThrow(/revision must follow/);
      expect(() => insert.run(2, randomUUID(), 'not-the-last-hash')).toThrow(/previous_hash/);
      expect(rows()).toHaveLength(2);
    });
  });

  describe('retried appends', () => {
    it('returns the original result, position included', async () => {
      const store = open(newFile());
      const events = [newEvent('Opened'), newEvent('Noted')];
      const original = await store.appendToStream('task-1', events, 'no_stream');
      await store.appendToStream('task-1', [newEvent('Later')], 1n);

      const retried = await store.appendToStream('task-1', events, 'no_stream');
      const retriedFirstOnly = await store.appendToStream('task-1', events.slice(0, 1), 'no_stream');

      expect(retried).toEqual(original);
      expect(retriedFirstOnly.nextExpectedRevision).toBe(0n);
      expect(await store.readStream('task-1')).toHaveLength(3);
    });

    it('refuses an event id already recorded in another stream', async () => {
      const store = open(newFile());
      const event = newEvent('Opened');
      await store.appendToStream('task-1', [event], 'no_stream');

      await expect(store.appendToStream('task-2', [event], 'any')).rejects.toThrow(
        /already recorded in stream task-1/,
      );
      await expect(store.appendToStream('task-2', [newEvent('Opened'), event], 'any')).rejects.toThrow(
        /already recorded in stream task-1/,
      );
      expect(await store.readStream('task-2')).toEqual([]);
    });

    it('refuses a retry that only partly matches what was recorded', async () => {
      const store = open(newFile());
      const recorded = newEvent('Opened');
      await store.appendToStream('task-1', [recorded], 'no_stream');

      await expect(store.appendToStream('task-1', [recorded, newEvent('Noted')], 'any')).rejects.toThrow(
        /does not match what was recorded/,
      );
      expect(await store.readStream('task-1')).toHaveLength(1);
    });

    it('refuses the same event id twice in one append', async () => {
      const store = open(newFile());
      const event = newEvent('Opened');

      await expect(store.appendToStream('task-1', [event, event], 'no_stream')).rejects.toThrow(
        /appears twice/,
      );
      expect(await store.readStream('task-1')).toEqual([]);
    });
  });

  describe('subscriptions', () => {
    it('sees appends by another instance on the same file through polling', async () => {
      const file = newFile();
      const writer = open(file);
      const reader = open(file, 20);
      await writer.appendToStream('task-1', [newEvent('Opened')], 'no_stream');
      const received: RecordedEvent[] = [];
      const subscription = reader.subscribeToAll({}, (event) => {
        received.push(event);
      });
      await waitFor(() => received.length === 1);

      await writer.appendToStream('task-1', [newEvent('Noted'), newEvent('Closed')], 0n);
      await writer.appendToStream('task-2', [newEvent('Opened')], 'no_stream');
      await waitFor(() => received.length >= 4);
      await subscription.stop();

      expect(received.map((e) => `${e.streamName}/${e.revision}`)).toEqual([
        'task-1/0',
        'task-1/1',
        'task-1/2',
        'task-2/0',
      ]);
    });

    it('is woken by a local append without waiting for the poll', async () => {
      const store = open(newFile(), 60_000);
      const received: RecordedEvent[] = [];
      store.subscribeToAll({}, (event) => {
        received.push(event);
      });
      await sleep(50);

      await store.appendToStream('task-1', [newEvent('Opened')], 'no_stream');

      await waitFor(() => received.length === 1, 1000);
    });

    it('catches up over more than one batch', async () => {
      const store = open(newFile());
      const events = Array.from({ length: 1203 }, () => newEvent('E'));
      await store.appendToStream('bulk', events, 'no_stream');
      const received: RecordedEvent[] = [];

      store.subscribeToAll({}, (event) => {
        received.push(event);
      });
      await waitFor(() => received.length >= events.length);
      await sleep(50);

      expect(received.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
    });

    it('lets a handler stop its own subscription without deadlock', async () => {
      const store = open(newFile());
      await store.appendToStream('task-1', [newEvent('E'), newEvent('E'), newEvent('E')], 'no_stream');
      const received: RecordedEvent[] = [];
      let stopped = false;

      const subscription = store.subscribeToAll({}, async (event) => {
        received.push(event);
        if (received.length === 2) {
          await subscription.stop();
          stopped = true;
        }
      });
      await waitFor(() => stopped);
      await subscription.stop();

      expect(received).toHaveLength(2);
    });

    it('delivers nothing before subscribeToAll returns', async () => {
      const store = open(newFile());
      await store.appendToStream('task-1', [newEvent('E')], 'no_stream');
      let received = 0;

      const subscription = store.subscribeToAll({}, () => {
        received += 1;
      });
      const deliveredSynchronously = received;
      await waitFor(() => received === 1);
      await subscription.stop();

      expect(deliveredSynchronously).toBe(0);
    });

    it('leaves no timer behind once stopped', async () => {
      const store = open(newFile(), 60_000);
      // Fake timers count only this test's timers; setImmediate stays real to let the loop run.
      jest.useFakeTimers({ doNotFake: ['setImmediate'] });
      try {
        const subscription = store.subscribeToAll({}, () => undefined);
        await new Promise((resolve) => setImmediate(resolve));
        const whileIdle = jest.getTimerCount();
        await subscription.stop();

        expect(whileIdle).toBe(1);
        expect(jest.getTimerCount()).toBe(0);
      } finally {
        jest.useRealTimers();
      }
    });

    it('is stopped by close()', async () => {
      const file = newFile();
      const store = SqliteEventStore.open(file);
      const other = open(file, 10);
      let received = 0;
      store.subscribeToAll({}, () => {
        received += 1;
      });
      await sleep(20);

      await store.close();
      await other.appendToStream('task-1', [newEvent('E')], 'no_stream');
      await sleep(100);

      expect(received).toBe(0);
      await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreUnavailableError);
      expect(() => store.subscribeToAll({}, () => undefined)).toThrow(EventStoreUnavailableError);
    });
  });

  describe('opening', () => {
    it('refuses a file migrated by a newer version', () => {
      const file = newFile();
      const raw = new Database(file);
      raw.pragma('user_version = 99');
      raw.close();

      expect(() => SqliteEventStore.open(file)).toThrow(EventStoreUnavailableError);
      expect(() => SqliteEventStore.open(file)).toThrow(/schema version 99/);
    });

    it('names the path when the file cannot be opened', () => {
      const notADirectory = newFile();
      rmSync(notADirectory, { force: true });
      const raw = new Database(notADirectory);
      raw.close();
      const path = join(notADirectory, 'events.db');

      expect(() => SqliteEventStore.open(path)).toThrow(EventStoreUnavailableError);
      expect(() => SqliteEventStore.open(path)).toThrow(path);
    });
  });

  describe('reading', () => {
    it('refuses a negative maxCount, reads past the end, and matches nothing for an empty type list', async () => {
      const store = open(newFile());
      await store.appendToStream('s', [newEvent('E')], 'no_stream');

      await expect(store.readAll({ maxCount: -1 })).rejects.toBeInstanceOf(RangeError);
      expect(await store.readAll({ after: 9_007_199_254_740_993n })).toEqual([]);
      // An EventStoreDB position packed into one bigint is far beyond SQLite's 64-bit integers.
      expect(await store.readAll({ after: 2n ** 64n * 5n + 3n })).toEqual([]);
      expect(await store.readAll({ filter: { eventTypes: [] } })).toEqual([]);
    });
  });
});

function newEvent(type: string, data: unknown = { id: randomUUID() }): NewEvent {
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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(condition: () => boolean, timeoutMs = 4000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await sleep(5);
  }
}
