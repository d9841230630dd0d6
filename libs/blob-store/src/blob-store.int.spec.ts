import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FilesystemBlobStore } from './filesystem-blob-store';
import { S3BlobStore } from './s3-blob-store';
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

  blobStoreContract('s3', async () => {
    // A bucket of its own per test: the adapter creates it (as on a fresh MinIO).
    const store = new S3BlobStore({ ...local.settings, bucket: `evidence-${process.pid}-${++bucket}` });
    await store.ensureBucket();
    return { store, dispose: async () => store.destroy() };
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
