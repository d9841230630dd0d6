import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer, Court, setUpCourt } from './support/court';
import { Fixtures, MeasureFixture } from './support/fixtures';
import {
  ensureBuilt,
  JWT_SECRET,
  killAllServers,
  ServerProcess,
  startServer,
} from './support/server-process';
import { TestApp } from './support/test-app';

/**
 * An upload cut off by SIGKILL (no shutdown hooks): after restart no event and no partial file
 * are visible, and the same upload then succeeds. The built server as `npm start` runs it.
 */

jest.setTimeout(120_000);

const FILE = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(8 * 1024 * 1024)]);
const BOUNDARY = 'evidence-crash-boundary';
const head = Buffer.from(
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="整改现场录像说明.pdf"\r\n` +
    'Content-Type: application/pdf\r\n\r\n',
);
const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);

/** Every file under a folder, recursively. */
function filesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesIn(join(dir, e.name)) : [join(dir, e.name)],
  );
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 50));
};

describe('an upload killed midway (SIGKILL)', () => {
  let dataDir: string;
  let server: ServerProcess;
  let court: Court;
  let measure: MeasureFixture;
  const settings = () => ({
    DATA_DIR: dataDir,
    JWT_SECRET,
    DEMO: 'false',
    ADMIN_USERNAME: 'admin',
    ADMIN_PASSWORD: 'admin-password',
    LOG_LEVEL: 'warn',
  });
  /** The fixtures need only an HTTP client. */
  const asTestApp = () => ({ http: server.http }) as unknown as TestApp;

  beforeAll(async () => {
    await ensureBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'tracker-upload-crash-'));
    server = await startServer(settings());
    court = await setUpCourt(asTestApp());
    measure = await new Fixtures(asTestApp(), court).measure();
  });
  afterAll(async () => {
    await killAllServers();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves no event and no visible partial file; the same upload then succeeds', async () => {
    const uploads = join(dataDir, 'uploads');
    // Half the body, then nothing more: the server is streaming it to its uploads folder.
    const cut = httpRequest(`${server.url}/api/v1/measures/${measure.id}/attachments`, {
      method: 'POST',
      headers: {
        ...bearer(court.users.civilHead.token),
        'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
        'Content-Length': String(head.length + FILE.length + tail.length),
      },
    });
    cut.on('error', () => undefined);
    cut.write(head);
    cut.write(FILE.subarray(0, FILE.length / 2));
    await until(() => filesIn(uploads).some((path) => statSync(path).size > 1024 * 1024));
    const partial = filesIn(uploads);
    expect(partial).toHaveLength(1);

    await server.kill('SIGKILL');
    cut.destroy();
    server = await startServer(settings());

    const history = await server.http.get(`${measure.url}/history`).set(bearer(court.users.civilHead.token));
    expect(history.status).toBe(200);
    expect(history.body.map((e: { type: string }) => e.type)).not.toContain('EvidenceAttached');
    expect(filesIn(uploads)).toEqual([]);
    expect(filesIn(join(dataDir, 'blobs'))).toEqual([]);

    const again = await server.http
      .post(`${measure.url}/attachments`)
      .set(bearer(court.users.civilHead.token))
      .attach('file', FILE, { filename: '整改现场录像说明.pdf' });
    expect(again.status).toBe(201);
    const sha256 = createHash('sha256').update(FILE).digest('hex');
    expect(again.body).toMatchObject({ sha256, size: FILE.length, fileName: '整改现场录像说明.pdf' });
    expect(filesIn(join(dataDir, 'blobs')).map((p) => p.endsWith(sha256))).toEqual([true]);
    expect(filesIn(uploads)).toEqual([]);
  });
});
