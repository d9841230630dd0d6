import type { S3BlobStore, S3BlobStoreSettings, SdkLog } from './s3-blob-store';

/**
 * The S3-compatible store, with its bucket made sure of; the AWS SDK is loaded only then, as it
 * takes a while to load that a start on the filesystem store need not wait for.
 */
export async function connectS3BlobStore(settings: S3BlobStoreSettings, log: SdkLog): Promise<S3BlobStore> {
  const { S3BlobStore } = await import('./s3-blob-store');
  const store = new S3BlobStore(settings, log);
  await store.ensureBucket();
  return store;
}
