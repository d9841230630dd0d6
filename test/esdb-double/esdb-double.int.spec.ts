import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  jsonEvent,
  ResolvedEvent,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { connectEsdb } from '@tracker/event-store';
import { randomUUID } from 'node:crypto';
import { EsdbDouble } from './esdb-double';

/** The double's own semantics, seen through the real client: what the adapter relies on. */
describe('EsdbDouble (test infrastructure)', () => {
  let double: EsdbDouble;
  let client: EventStoreDBClient;

  beforeAll(async () => {
    double = await EsdbDouble.start();
    client = EventStoreDBClient.connectionString(double.connectionString);
  });
  afterAll(async () => {
    await client.dispose();
    await double.stop();
  });

  const collect = async (stream: AsyncIterable<ResolvedEvent>): Promise<ResolvedEvent[]> => {
    const events: ResolvedEvent[] = [];
    for await (const event of stream) events.push(event);
    return events;
  };
  const event = (type = 'Noted') => jsonEvent({ id: randomUUID(), type, data: { note: '整改' } });

  it('holds system events in $all, as a fresh server does, which the adapter never returns', async () => {
    const raw = await collect(client.readAll());
    expect(raw.some((e) => e.event?.type === '$settings')).toBe(true);

    const store = await connectEsdb(double.connectionString);
    try {
      expect((await store.readAll()).some((e) => e.type.startsWith('$'))).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('gives the events of one append one commit position and increasing prepare positions', async () => {
    const stream = `double-${randomUUID()}`;
    await client.appendToStream(stream, [event(), event(), event()], { expectedRevision: 'no_stream' });

    const read = await collect(client.readStream(stream));
    const positions = read.map((e) => e.event?.position);

    expect(read.map((e) => e.event?.revision)).toEqual([0n, 1n, 2n]);
    expect(new Set(positions.map((p) => p?.commit)).size).toBe(1);
    expect(positions[0]!.prepare < positions[1]!.prepare).toBe(true);
    expect(positions[1]!.prepare < positions[2]!.prepare).toBe(true);
    expect(positions[2]!.prepare < positions[2]!.commit).toBe(true);
  });

  it('answers StreamNotFound for a missing stream and WrongExpectedVersion for a stale revision', async () => {
    await expect(collect(client.readStream(`missing-${randomUUID()}`))).rejects.toBeInstanceOf(
      StreamNotFoundError,
    );
    const stream = `double-${randomUUID()}`;
    await client.appendToStream(stream, [event(), event()]);

    const stale = client.appendToStream(stream, [event()], { expectedRevision: 0n });

    await expect(stale).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(stale).rejects.toMatchObject({ actualVersion: 1n, expectedVersion: 0n });
  });

  it('treats a retried append of the same event ids at the same revision as already done', async () => {
    const stream = `double-${randomUUID()}`;
    const events = [event(), event()];
    const first = await client.appendToStream(stream, events, { expectedRevision: 'no_stream' });

    const again = await client.appendToStream(stream, events, { expectedRevision: 'no_stream' });

    expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
    expect(await collect(client.readStream(stream))).toHaveLength(2);
  });

  it('reads $all backwards from the end, newest first', async () => {
    const stream = `double-${randomUUID()}`;
    const last = event('Last');
    await client.appendToStream(stream, [event(), last]);

    const [newest] = await collect(client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 }));

    expect(newest.event?.id).toBe(last.id);
  });
});
