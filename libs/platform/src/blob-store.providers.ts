import { Logger, Provider } from '@nestjs/common';
import { BLOB_STORE, BlobStore, connectS3BlobStore, FilesystemBlobStore } from '@tracker/blob-store';
import { rm, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AppConfig } from './app-config';

/** Where uploads land while they arrive (always local: DATA_DIR/uploads), before they go to the blob store. */
export const UPLOADS_FOLDER = Symbol('UPLOADS_FOLDER');

export const uploadsFolderOf = (config: Pick<AppConfig, 'dataDir'>) => join(config.dataDir, 'uploads');
export const blobsFolderOf = (config: Pick<AppConfig, 'dataDir'>) => join(config.dataDir, 'blobs');

/**
 * Opens the store BLOB_STORE names. At start, whatever a killed process left half-written is
 * removed: uploads that were still arriving (DATA_DIR/uploads) and, for the filesystem store, its
 * temporary files; no partial file is ever visible under a hash.
 */
export async function openBlobStore(config: AppConfig): Promise<BlobStore> {
  await sweep(uploadsFolderOf(config));
  if (config.blobStore.kind === 's3') {
    const { kind: _kind, ...settings } = config.blobStore;
    return connectS3BlobStore(settings, new Logger('S3BlobStore'));
  }
  const store = new FilesystemBlobStore(blobsFolderOf(config));
  await store.sweepTemporary();
  return store;
}

async function sweep(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  for (const name of await readdir(folder)) await rm(join(folder, name), { force: true, recursive: true });
}

export function blobStoreProviders(config: AppConfig): Provider[] {
  return [
    { provide: BLOB_STORE, useFactory: () => openBlobStore(config) },
    { provide: UPLOADS_FOLDER, useValue: uploadsFolderOf(config) },
  ];
}
