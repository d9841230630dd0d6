import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';

// The API serving the built UI (apps/api/src/http/web-app.ts); in this project because it needs dist/web.
let api: TestApp;
beforeAll(async () => {
  api = await startTestApp();
});
afterAll(() => api?.close());

const assets = readdirSync(join(__dirname, '..', '..', 'dist', 'web', 'assets'));

describe('the web UI from the API origin', () => {
  it('serves index.html at / and at every client route, never cached', async () => {
    for (const path of ['/', '/board', '/measures/abc?x=1', '/screen']) {
      const response = await api.http.get(path).expect(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.text).toContain('<div id="root"></div>');
    }
  });

  it('serves hashed assets gzipped and cached for a year, and a missing asset as 404, not as the page', async () => {
    // The largest script: a page chunk of 2 KB compresses to more than half its size, the bundle does not.
    const dir = join(__dirname, '..', '..', 'dist', 'web', 'assets');
    const script = assets
      .filter((name) => name.endsWith('.js'))
      .sort((a, b) => statSync(join(dir, b)).size - statSync(join(dir, a)).size)[0];
    const response = await api.http
      .get(`/assets/${script}`)
      .set('Accept-Encoding', 'gzip')
      .buffer(true)
      .expect(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['content-encoding']).toBe('gzip');
    // supertest unzips: what crossed the wire is Content-Length, well under the script itself.
    expect(Number(response.headers['content-length'])).toBeLessThan(Buffer.byteLength(response.text) / 2);

    const missing = await api.http.get('/assets/index-0000000.js');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).not.toContain('text/html');
  });

  it("ships the production build: antd's class names are not its development ones", async () => {
    // In development antd prefixes its hashed classes with css-dev-only-do-not-override, and a
    // court's own stylesheet could not restyle the page the way the production classes allow.
    for (const name of assets.filter((n) => n.endsWith('.js'))) {
      const script = await api.http.get(`/assets/${name}`).buffer(true).expect(200);
      expect(script.text).not.toContain('css-dev-only-do-not-override');
    }
  });

  it('leaves /api and /admin to the API: an unknown API path stays a JSON 404', async () => {
    const unknown = await api.http.get('/api/v1/no-such-thing').expect(404);
    expect(unknown.headers['content-type']).toContain('application/json');
    expect(unknown.body.statusCode).toBe(404);
    const admin = await api.http.get('/admin/no-such-page');
    expect(admin.status).toBe(404);
    expect(admin.text).not.toContain('<div id="root">');
    expect((await api.http.get('/api/v1/health')).status).not.toBe(404);
  });
});
