import { Readable } from 'node:stream';

/**
 * Where evidence files (佐证材料) live: content-addressed, each file under its SHA-256, stored once
 * however many attachments name it, and never deleted. The event that attaches a file carries its
 * hash, so the integrity chain covers the bytes kept here.
 */
export interface BlobStore {
  /** Which adapter this is, for logs and the integrity report ('filesystem' or 's3'). */
  readonly kind: string;
  /**
   * Stores the bytes `open()` streams under `sha256` (lower-case hex) unless they are already
   * there. The store hashes what it writes and refuses (BlobHashMismatchError, nothing kept) bytes
   * whose hash or size is not the one given. Only complete content ever becomes visible.
   * Answers whether this call stored it (false: it was already there).
   */
  put(sha256: string, size: number, open: () => Readable): Promise<{ created: boolean }>;
  /**
   * Stores a complete local file whose SHA-256 and size the caller computed as it was written (an
   * upload in DATA_DIR/uploads). The file stays where it is; the caller removes it afterwards. The
   * filesystem store links it into place (no second pass over the bytes); others stream it as put.
   */
  putFile(sha256: string, size: number, path: string): Promise<{ created: boolean }>;
  /** The stored bytes as a stream; BlobNotFoundError if there are none. */
  open(sha256: string): Promise<Readable>;
  /** The stored size, or null when nothing is stored under the hash. */
  stat(sha256: string): Promise<{ size: number } | null>;
}

export const BLOB_STORE = Symbol('BLOB_STORE');

export class BlobNotFoundError extends Error {
  constructor(readonly sha256: string) {
    super(`No blob stored under ${sha256}`);
    this.name = 'BlobNotFoundError';
  }
}

export class BlobHashMismatchError extends Error {
  constructor(
    readonly expected: { sha256: string; size: number },
    readonly found: { sha256: string; size: number },
  ) {
    super(
      `Blob content does not match: expected ${expected.sha256} (${expected.size} bytes), got ${found.sha256} (${found.size} bytes)`,
    );
    this.name = 'BlobHashMismatchError';
  }
}

const SHA256 = /^[0-9a-f]{64}$/;

export function checkSha256(sha256: string): void {
  if (!SHA256.test(sha256)) throw new TypeError(`not a lower-case hex SHA-256: ${sha256}`);
}
