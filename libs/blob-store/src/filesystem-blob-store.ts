import { createReadStream, createWriteStream } from 'node:fs';
import { link, mkdir, open, readdir, rm, stat, unlink } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobHashMismatchError, BlobNotFoundError, BlobStore, checkSha256 } from './blob-store.port';
import { HashingStream } from './hashing';

/**
 * The embedded default: files under `root` (DATA_DIR/blobs), at `ab/cd/<sha256>`. A file is
 * written to `root/tmp` first, flushed to disk (fsync), then linked into place: a crash midway
 * leaves at most a temporary file, which `sweepTemporary` (run at start) removes; a file under
 * its hash is always complete. Linking (not renaming) refuses to replace a file already there, so
 * concurrent writers of the same content all succeed and the first one's file stays. An upload
 * already on disk and hashed as it arrived (putFile) is linked in place without being read again.
 */
export class FilesystemBlobStore implements BlobStore {
  readonly kind = 'filesystem';
  private readonly tmp: string;

  constructor(private readonly root: string) {
    this.tmp = join(root, 'tmp');
  }

  /** Removes what writes cut short (a killed process) left in the temporary folder. */
  async sweepTemporary(): Promise<number> {
    await mkdir(this.tmp, { recursive: true });
    const names = await readdir(this.tmp);
    await Promise.all(names.map((name) => rm(join(this.tmp, name), { force: true, recursive: true })));
    return names.length;
  }

  pathOf(sha256: string): string {
    checkSha256(sha256);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(sha256: string, size: number, openSource: () => Readable): Promise<{ created: boolean }> {
    const target = this.pathOf(sha256);
    if (await this.stat(sha256)) return { created: false };
    await mkdir(this.tmp, { recursive: true });
    const temporary = join(this.tmp, `${sha256}.${randomUUID()}`);
    try {
      const hashing = new HashingStream();
      await pipeline(openSource(), hashing, createWriteStream(temporary, { flags: 'wx' }));
      const found = { sha256: hashing.sha256(), size: hashing.size };
      if (found.sha256 !== sha256 || found.size !== size)
        throw new BlobHashMismatchError({ sha256, size }, found);
      await flush(temporary);
      await mkdir(join(target, '..'), { recursive: true });
      try {
        await link(temporary, target);
      } catch (error) {
        // Another writer of the same content got there first: its file is the same bytes.
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { created: false };
        throw error;
      }
      await flushDirectory(join(target, '..'));
      return { created: true };
    } finally {
      await unlink(temporary).catch(() => undefined);
    }
  }

  async putFile(sha256: string, size: number, path: string): Promise<{ created: boolean }> {
    const target = this.pathOf(sha256);
    if (await this.stat(sha256)) return { created: false };
    const found = await stat(path);
    if (found.size !== size)
      throw new BlobHashMismatchError({ sha256, size }, { sha256: 'unknown', size: found.size });
    await flush(path);
    await mkdir(join(target, '..'), { recursive: true });
    try {
      await link(path, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return { created: false };
      // Another file system (DATA_DIR/uploads mounted apart), or one without hard links: copy it.
      if (code === 'EXDEV' || code === 'EPERM' || code === 'ENOTSUP')
        return this.put(sha256, size, () => createReadStream(path));
      throw error;
    }
    await flushDirectory(join(target, '..'));
    return { created: true };
  }

  async open(sha256: string): Promise<Readable> {
    const path = this.pathOf(sha256);
    const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new BlobNotFoundError(sha256);
      throw error;
    });
    return handle.createReadStream();
  }

  async stat(sha256: string): Promise<{ size: number } | null> {
    try {
      const found = await stat(this.pathOf(sha256));
      return { size: found.size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}

async function flush(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** So the new directory entry survives a power cut too (best effort: not every platform allows it). */
async function flushDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a directory.
  } finally {
    await handle.close();
  }
}
