import { bearer, Court, setUpCourt } from './support/court';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The audit feed pages by global position, written as an exact decimal string. On EventStoreDB
 * (project e2e-esdb) positions are two 64-bit numbers packed into one, far beyond 2^64, so the
 * `after` parameter must round-trip numbers of up to 39 digits.
 */
describe('audit feed positions', () => {
  let t: TestApp;
  let court: Court;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T02:00:00Z' });
    court = await setUpCourt(t);
  });
  afterAll(() => t.close());

  const events = (after?: string) =>
    t.http
      .get('/api/v1/audit/events')
      // The directory's stream: the access log grows with each read of the feed.
      .query(after === undefined ? { streamName: 'directory' } : { after, streamName: 'directory' })
      .set(bearer(court.users.inspector.token));

  it('pages exactly from the position the feed printed', async () => {
    const stored = (await t.dump()).filter((e) => e.streamName === 'directory');
    const all = (await events().expect(200)).body as { position: string; eventId: string }[];
    expect(all.length).toBeGreaterThan(3);
    for (const event of all) expect(event.position).toMatch(/^\d{1,39}$/);
    expect(all.map((e) => e.position)).toEqual(stored.map((e) => e.position.toString()));

    const rest = (await events(all[1].position).expect(200)).body as { eventId: string }[];
    const none = (await events(all[all.length - 1].position).expect(200)).body;

    expect(rest.map((e) => e.eventId)).toEqual(all.slice(2).map((e) => e.eventId));
    expect(none).toEqual([]);
  });

  it('accepts a 39-digit position beyond every event, and refuses 40 digits naming the field', async () => {
    expect((await events('9'.repeat(39)).expect(200)).body).toEqual([]);

    const refused = await events('1'.repeat(40)).expect(400);

    expect(JSON.stringify(refused.body)).toContain('after');
  });
});
