import { bearer, Court, setUpCourt } from './support/court';
import { Fixtures } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

/**
 * A court's intranet may be slow between buildings: the API gzips its JSON for every client that
 * accepts it, and leaves alone what is compressed already (an .xlsx is a zip). The built web's
 * scripts are gzipped too: test/browser/web-serving.browser.spec.ts, where dist/web is built.
 */
describe('gzip on the API', () => {
  let t: TestApp;
  let court: Court;

  beforeAll(async () => {
    t = await startTestApp();
    court = await setUpCourt(t);
    const fixtures = new Fixtures(t, court);
    for (let i = 0; i < 3; i++) await fixtures.measure('signed_off');
  });
  afterAll(() => t.close());

  const get = (path: string, encoding: string) =>
    t.http.get(path).set(bearer(court.users.inspector.token)).set('Accept-Encoding', encoding);

  it('gzips a JSON answer for a client that accepts gzip, with the same content', async () => {
    // The measures' streams: each read of the feed adds itself to the access log.
    const zipped = await get('/api/v1/audit/events?streamName=measure-*', 'gzip').expect(200);
    const plain = await get('/api/v1/audit/events?streamName=measure-*', 'identity').expect(200);

    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(zipped.headers['content-type']).toMatch(/^application\/json/);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(zipped.body).toEqual(plain.body);
    // Headers the client pages by are unaffected.
    expect(zipped.headers['x-scanned-through']).toBe(plain.headers['x-scanned-through']);
  });

  it('sends a small answer as it is: gzip would not make it smaller', async () => {
    const health = await get('/api/v1/health', 'gzip').expect(200);
    expect(health.headers['content-encoding']).toBeUndefined();
  });

  it('never gzips the sign-off ledger workbook, which is a zip already', async () => {
    const xlsx = await get('/api/v1/ledger.xlsx', 'gzip')
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(xlsx.headers['content-encoding']).toBeUndefined();
    expect((xlsx.body as Buffer).subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
