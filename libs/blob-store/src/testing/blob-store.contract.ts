import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { BlobHashMismatchError, BlobNotFoundError, BlobStore } from '../blob-store.port';
import { hashStream } from '../hashing';

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const fromBuffer = (bytes: Buffer) => () => Readable.from([bytes]);

/** `size` bytes of random content, streamed in 1 MiB chunks without holding them all. */
function largeContent(size: number, seed: Buffer): { sha256: string; open: () => Readable } {
  const chunk = (i: number) => createHash('sha512').update(seed).update(String(i)).digest();
  const CHUNK = 1024 * 1024;
  const block = (i: number) =>
    Buffer.concat(Array.from({ length: CHUNK / 64 }, (_, j) => chunk(i * 100_000 + j)));
  const hash = createHash('sha256');
  for (let at = 0, i = 0; at < size; at += CHUNK, i++)
    hash.update(block(i).subarray(0, Math.min(CHUNK, size - at)));
  return {
    sha256: hash.digest('hex'),
    open: () =>
      Readable.from(
        (function* () {
          for (let at = 0, i = 0; at < size; at += CHUNK, i++)
            yield block(i).subarray(0, Math.min(CHUNK, size - at));
        })(),
      ),
  };
}

/** What every BlobStore adapter must do: the filesystem and the S3 adapters both run it. */
export function blobStoreContract(
  name: string,
  factory: () => Promise<{ store: BlobStore; dispose(): Promise<void> }>,
): void {
  describe(`BlobStore contract: ${name}`, () => {
    let store: BlobStore;
    let dispose: () => Promise<void>;

    beforeEach(async () => {
      ({ store, dispose } = await factory());
    });
    afterEach(async () => {
      await dispose();
    });

    it('stores bytes under their SHA-256 and gives them back byte for byte', async () => {
      const bytes = Buffer.from('关于建立案件质效周通报制度的通知\n', 'utf8');
      const sha = sha256Of(bytes);
      expect(await store.put(sha, bytes.length, fromBuffer(bytes))).toEqual({ created: true });
      expect(await store.stat(sha)).toEqual({ size: bytes.length });
      expect(await hashStream(await store.open(sha))).toEqual({ sha256: sha, size: bytes.length });
    });

    it('stores the same content once: a second put creates nothing and leaves it intact', async () => {
      const bytes = randomBytes(4096);
      const sha = sha256Of(bytes);
      await store.put(sha, bytes.length, fromBuffer(bytes));
      expect(await store.put(sha, bytes.length, fromBuffer(bytes))).toEqual({ created: false });
      expect(await hashStream(await store.open(sha))).toEqual({ sha256: sha, size: 4096 });
    });

    it('takes concurrent writes of the same content: all succeed, the content is stored once and whole', async () => {
      const bytes = randomBytes(256 * 1024);
      const sha = sha256Of(bytes);
      const results = await Promise.all(
        Array.from({ length: 5 }, () => store.put(sha, bytes.length, fromBuffer(bytes))),
      );
      expect(results.filter((r) => r.created).length).toBeGreaterThanOrEqual(1);
      expect(await hashStream(await store.open(sha))).toEqual({ sha256: sha, size: bytes.length });
    });

    it('streams a large file (20 MB) in and out', async () => {
      const size = 20 * 1024 * 1024 + 17;
      const content = largeContent(size, randomBytes(16));
      await store.put(content.sha256, size, content.open);
      expect(await store.stat(content.sha256)).toEqual({ size });
      expect(await hashStream(await store.open(content.sha256))).toEqual({ sha256: content.sha256, size });
    });

    it('keeps content whose original name is Chinese (names live in the events, bytes under the hash)', async () => {
      const bytes = Buffer.from('%PDF-1.4\n整改佐证材料：会议纪要（2026年第3次）.pdf\n', 'utf8');
      const sha = sha256Of(bytes);
      await store.put(sha, bytes.length, fromBuffer(bytes));
      const back = await hashStream(await store.open(sha));
      expect(back.sha256).toBe(sha);
    });

    it('refuses bytes that are not the content named, and keeps nothing of them', async () => {
      const bytes = randomBytes(1000);
      const claimed = sha256Of(Buffer.from('something else'));
      await expect(store.put(claimed, bytes.length, fromBuffer(bytes))).rejects.toBeInstanceOf(
        BlobHashMismatchError,
      );
      expect(await store.stat(claimed)).toBeNull();
      await expect(store.open(claimed)).rejects.toBeInstanceOf(BlobNotFoundError);
    });

    it('a source that fails midway stores nothing', async () => {
      const bytes = randomBytes(1000);
      const sha = sha256Of(bytes);
      const failing = () =>
        Readable.from(
          (function* () {
            yield bytes.subarray(0, 500);
            throw new Error('connection lost');
          })(),
        );
      await expect(store.put(sha, bytes.length, failing)).rejects.toThrow();
      expect(await store.stat(sha)).toBeNull();
    });

    it('stores a local file already hashed (an upload) and leaves the file where it was', async () => {
      const { mkdtempSync, writeFileSync, existsSync, rmSync } = await import('node:fs');
      const { join } = await import('node:path');
      const { tmpdir } = await import('node:os');
      const dir = mkdtempSync(join(tmpdir(), 'tracker-contract-'));
      try {
        const bytes = randomBytes(70_000);
        const path = join(dir, 'upload-1');
        writeFileSync(path, bytes);
        const sha = sha256Of(bytes);
        expect(await store.putFile(sha, bytes.length, path)).toEqual({ created: true });
        expect(await store.putFile(sha, bytes.length, path)).toEqual({ created: false });
        expect(existsSync(path)).toBe(true);
        rmSync(path);
        expect(await hashStream(await store.open(sha))).toEqual({ sha256: sha, size: bytes.length });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a missing object: stat is null and open refuses with BlobNotFoundError', async () => {
      const sha = sha256Of(randomBytes(32));
      expect(await store.stat(sha)).toBeNull();
      await expect(store.open(sha)).rejects.toBeInstanceOf(BlobNotFoundError);
    });

    it('an empty file is content too', async () => {
      const sha = sha256Of(Buffer.alloc(0));
      await store.put(sha, 0, fromBuffer(Buffer.alloc(0)));
      expect(await hashStream(await store.open(sha))).toEqual({ sha256: sha, size: 0 });
    });
  });
}
