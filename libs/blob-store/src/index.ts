export * from './blob-store.port';
export * from './filesystem-blob-store';
export * from './hashing';
export { connectS3BlobStore } from './connect-s3';
export type { S3BlobStore, S3BlobStoreSettings, SdkLog } from './s3-blob-store';
