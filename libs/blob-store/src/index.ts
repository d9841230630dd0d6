export * from './blob-store.port';
export * from './filesystem-blob-store';
export * from './hashing';
export * from './s3-blob-store';
