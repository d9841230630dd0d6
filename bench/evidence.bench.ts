// Evidence files (佐证材料): a 50 MB upload and download through the built API (as `npm start` runs
// it, its own process), beside a raw file copy of the same 50 MB in the same run (the baseline),
// and the API's resident memory while the upload streams (target: growth under 30 MB). Also the
// S3 adapter against s3rver (local test infrastructure) beside a raw S3 put/get of the same bytes.
// Prints figures; asserts nothing. Run: npm run bench:evidence   (BENCH_MB changes the size)
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { connectS3BlobStore } from '../libs/blob-store/src';
import { startLocalS3 } from '../libs/blob-store/src/testing/local-s3';
import { bearer, setUpCourt } from '../test/support/court';
import { Fixtures } from '../test/support/fixtures';
import { ensureBuilt, JWT_SECRET, killAllServers, startServer } from '../test/support/server-process';
import { TestApp } from '../test/support/test-app';

const MB = Number(process.env.BENCH_MB ?? 50);
const SIZE = MB * 1024 * 1024;
const rate = (ms: number) => `${(MB / (ms / 1000)).toFixed(0)} MB/s`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) / 1024;
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await run();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/** A file of random bytes (a PDF header first, so the API takes it as a PDF), written in 1 MB chunks. */
async function writeSample(path: string): Promise<string> {
  const hash = createHash('sha256');
  const out = createWriteStream(path);
  const header = Buffer.from('%PDF-1.7\n');
  hash.update(header);
  out.write(header);
  for (let left = SIZE - header.length; left > 0;) {
    const chunk = randomBytes(Math.min(left, 1024 * 1024));
    hash.update(chunk);
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    left -= chunk.length;
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return hash.digest('hex');
}

/** The baseline: the same bytes copied by streams to another file and flushed, as the blob store writes. */
async function rawCopy(from: string, to: string): Promise<void> {
  await pipeline(createReadStream(from), createWriteStream(to));
  const handle = await open(to, 'r+');
  await handle.sync();
  await handle.close();
}

/** Streams the file as a multipart upload (never held in memory on this side either). */
function upload(url: string, token: string, path: string): Promise<{ status: number; body: string }> {
  const boundary = `bench-${Date.now()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="基准测试.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: 'POST',
      headers: {
        ...bearer(token),
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Content-Length': String(head.length + statSync(path).size + tail.length),
      },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.write(head);
    const file = createReadStream(path);
    file.on('error', reject);
    file.on('end', () => req.end(tail));
    file.pipe(req, { end: false });
  });
}

function download(url: string, token: string, to: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: bearer(token) }, (res) => {
      pipeline(res, createWriteStream(to)).then(() => resolve(res.statusCode ?? 0), reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function main() {
  await ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'tracker-bench-evidence-'));
  const dataDir = join(dir, 'data');
  try {
    const sample = join(dir, 'sample.pdf');
    const sha256 = await writeSample(sample);
    const copy = await timed(() => rawCopy(sample, join(dir, 'copy.pdf')));

    const server = await startServer({
      DATA_DIR: dataDir,
      JWT_SECRET,
      DEMO: 'false',
      ADMIN_USERNAME: 'admin',
      ADMIN_PASSWORD: 'admin-password',
      ATTACHMENT_MAX_MB: String(MB + 1),
    });
    const asTestApp = { http: server.http } as unknown as TestApp;
    const court = await setUpCourt(asTestApp);
    const measure = await new Fixtures(asTestApp, court).measure();
    const pid = server.child.pid as number;
    const token = court.users.civilHead.token;

    const url = `${server.url}/api/v1/measures/${measure.id}/attachments`;
    /** One upload of `path`, its time and the API's RSS before it and at its peak (sampled every 5 ms). */
    const measured = async (path: string) => {
      const before = rssOf(pid);
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 5);
      const result = await timed(() => upload(url, token, path));
      clearInterval(sampler);
      if (result.value.status !== 201)
        throw new Error(`upload answered ${result.value.status}: ${result.value.body}`);
      return { ...result, before, peak };
    };
    // The first upload ever also loads and compiles the code it runs (multer, file-type…): a small
    // one first, so the 50 MB figures are the streaming's own; the first upload's are printed too.
    const small = join(dir, 'small.pdf');
    await pipeline(Readable.from([Buffer.from('%PDF-1.4\n'), randomBytes(4096)]), createWriteStream(small));
    const cold = await measured(small);
    const up = await measured(sample);
    const rssBefore = up.before;
    const rssPeak = up.peak;
    const attachment = JSON.parse(up.value.body) as { id: string; sha256: string };
    if (attachment.sha256 !== sha256) throw new Error('the API computed another hash');
    // The same content once more: stored once, so only the receiving and hashing.
    const again = await measured(sample);

    const down = await timed(() =>
      download(
        `${server.url}/api/v1/attachments/${attachment.id}`,
        court.users.leader.token,
        join(dir, 'down.pdf'),
      ),
    );
    if (down.value !== 200) throw new Error(`download answered ${down.value}`);
    const back = createHash('sha256')
      .update(readFileSync(join(dir, 'down.pdf')))
      .digest('hex');
    await killAllServers();

    console.log(
      `Evidence files: ${MB} MB, the built API in its own process, embedded store, filesystem blobs`,
    );
    console.log(
      `  raw file copy (baseline)     ${seconds(copy.ms).padStart(8)}  ${rate(copy.ms).padStart(9)}  1.00×`,
    );
    console.log(
      `  upload   POST …/attachments  ${seconds(up.ms).padStart(8)}  ${rate(up.ms).padStart(9)}  ${(up.ms / copy.ms).toFixed(2)}× the copy (hashing, sniffing, blob store, event)`,
    );
    console.log(
      `  download GET /attachments/:id ${seconds(down.ms).padStart(7)}  ${rate(down.ms).padStart(9)}  ${(down.ms / copy.ms).toFixed(2)}× the copy; byte-identical: ${back === sha256}`,
    );
    console.log(
      `  API RSS during the ${MB} MB upload: ${rssBefore.toFixed(0)} MB before, ${rssPeak.toFixed(0)} MB peak, growth ${(rssPeak - rssBefore).toFixed(1)} MB (target < 30 MB)`,
    );
    console.log(
      `  the same ${MB} MB again (stored once): ${seconds(again.ms)}, RSS growth ${(again.peak - again.before).toFixed(1)} MB`,
    );
    console.log(
      `  first upload after start (4 KB, loads the upload code): RSS growth ${(cold.peak - cold.before).toFixed(1)} MB`,
    );

    // The S3 adapter against s3rver (local test infrastructure), beside raw PutObject/GetObject.
    const s3 = await startLocalS3('bench-evidence');
    try {
      const client = new S3Client({
        region: s3.settings.region,
        endpoint: s3.settings.endpoint ?? undefined,
        forcePathStyle: true,
        credentials: { accessKeyId: s3.settings.accessKeyId, secretAccessKey: s3.settings.secretAccessKey },
      });
      const rawPut = await timed(() =>
        client.send(
          new PutObjectCommand({
            Bucket: s3.settings.bucket,
            Key: 'raw',
            Body: createReadStream(sample),
            ContentLength: SIZE,
          }),
        ),
      );
      const rawGet = await timed(async () => {
        const got = await client.send(new GetObjectCommand({ Bucket: s3.settings.bucket, Key: 'raw' }));
        for await (const _ of got.Body as Readable);
      });
      const store = await connectS3BlobStore(s3.settings, console);
      const put = await timed(() => store.put(sha256, SIZE, () => createReadStream(sample)));
      const get = await timed(async () => {
        for await (const _ of await store.open(sha256));
      });
      store.destroy();
      client.destroy();
      console.log(`S3 adapter against s3rver (local test server), ${MB} MB`);
      console.log(
        `  raw PutObject (baseline)     ${seconds(rawPut.ms).padStart(8)}  ${rate(rawPut.ms).padStart(9)}  1.00×`,
      );
      console.log(
        `  S3BlobStore.put              ${seconds(put.ms).padStart(8)}  ${rate(put.ms).padStart(9)}  ${(put.ms / rawPut.ms).toFixed(2)}× (temporary key, hash check, in-store copy)`,
      );
      console.log(
        `  raw GetObject (baseline)     ${seconds(rawGet.ms).padStart(8)}  ${rate(rawGet.ms).padStart(9)}  1.00×`,
      );
      console.log(
        `  S3BlobStore.open + read      ${seconds(get.ms).padStart(8)}  ${rate(get.ms).padStart(9)}  ${(get.ms / rawGet.ms).toFixed(2)}×`,
      );
    } finally {
      await s3.stop();
    }
  } finally {
    await killAllServers();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
