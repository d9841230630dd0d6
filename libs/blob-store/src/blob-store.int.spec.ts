import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FilesystemBlobStore } from './filesystem-blob-store';
import { Readable } from 'node:stream';
import { S3BlobStore, SdkLog } from './s3-blob-store';
import { blobStoreContract } from './testing/blob-store.contract';
import { startLocalS3 } from './testing/local-s3';

blobStoreContract('filesystem', async () => {
  const root = mkdtempSync(join(tmpdir(), 'tracker-blobs-'));
  const store = new FilesystemBlobStore(root);
  return {
    store,
    async dispose() {
      // Nothing is left half-written: the temporary folder is empty after every operation.
      if (existsSync(join(root, 'tmp'))) expect(readdirSync(join(root, 'tmp'))).toEqual([]);
      rmSync(root, { recursive: true, force: true });
    },
  };
});

// The S3 adapter against s3rver, a local S3-compatible server started by this test (test infrastructure only).
describe('S3 adapter (against s3rver, test infrastructure)', () => {
  let local: Awaited<ReturnType<typeof startLocalS3>>;
  let bucket = 0;
  beforeAll(async () => {
    local = await startLocalS3();
  });
  afterAll(async () => {
    await local.stop();
  });

  /** What the SDK told the tracker's log. */
  const logged: string[] = [];
  const log: SdkLog = { warn: (m) => logged.push(`warn ${m}`), error: (m) => logged.push(`error ${m}`) };

  blobStoreContract('s3', async () => {
    // A bucket of its own per test: the adapter creates it (as on a fresh MinIO).
    const store = new S3BlobStore({ ...local.settings, bucket: `evidence-${process.pid}-${++bucket}` }, log);
    await store.ensureBucket();
    return { store, dispose: async () => store.destroy() };
  });

  it("tells the tracker's log, not the console, what the SDK has to say of an upload cut off midway", async () => {
    const store = new S3BlobStore({ ...local.settings, bucket: `evidence-${process.pid}-${++bucket}` }, log);
    await store.ensureBucket();
    const consoleWarn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      logged.length = 0;
      const failing = () =>
        Readable.from(
          (function* () {
            yield Buffer.alloc(500, 1);
            throw new Error('connection lost');
          })(),
        );
      await expect(store.put('a'.repeat(64), 1000, failing)).rejects.toThrow();
      expect(logged).toContainEqual(expect.stringMatching(/^warn .*streaming request/));
      expect(consoleWarn).not.toHaveBeenCalled();
    } finally {
      consoleWarn.mockRestore();
      store.destroy();
    }
  });
});

describe('filesystem adapter: after a crash', () => {
  it('sweeps what a killed write left in the temporary folder; stored files stay', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tracker-blobs-'));
    try {
      const store = new FilesystemBlobStore(root);
      const { writeFileSync, mkdirSync } = await import('node:fs');
      mkdirSync(join(root, 'tmp'), { recursive: true });
      writeFileSync(join(root, 'tmp', `${'a'.repeat(64)}.partial`), 'half a file');
      expect(await store.sweepTemporary()).toBe(1);
      expect(readdirSync(join(root, 'tmp'))).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
