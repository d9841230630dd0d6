import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { S3BlobStoreSettings } from '../s3-blob-store';

/**
 * TEST INFRASTRUCTURE ONLY: s3rver, a small local S3-compatible server (a dev dependency), on a
 * free port with its objects in a temporary folder, so the S3 adapter's contract suite (and the
 * bench) run inside `npm test` with no MinIO. Never part of a deployment.
 */
export async function startLocalS3(bucket = 'evidence-test'): Promise<{
  settings: S3BlobStoreSettings;
  directory: string;
  stop(): Promise<void>;
}> {
  const directory = mkdtempSync(join(tmpdir(), 'tracker-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const address = await server.run();
  return {
    directory,
    settings: {
      endpoint: `http://127.0.0.1:${address.port}`,
      region: 'us-east-1',
      bucket,
      // s3rver's fixed test credentials.
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
      prefix: 'blobs/',
    },
    async stop() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
