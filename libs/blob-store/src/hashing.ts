import { createHash } from 'node:crypto';
import { Readable, Transform, TransformCallback } from 'node:stream';

/**
 * Passes bytes through unchanged, hashing and counting them as they go. Given the expected hash
 * and size, it fails at the end (before it ends) when they differ, so whatever reads it never sees
 * a complete body of the wrong content.
 */
export class HashingStream extends Transform {
  private readonly hash = createHash('sha256');
  size = 0;
  private digest: string | null = null;

  constructor(
    private readonly expected?: { sha256: string; size: number },
    private readonly mismatch?: (found: { sha256: string; size: number }) => Error,
  ) {
    super();
  }

  override _flush(callback: TransformCallback): void {
    const found = { sha256: this.sha256(), size: this.size };
    if (this.expected && (found.sha256 !== this.expected.sha256 || found.size !== this.expected.size)) {
      callback(this.mismatch?.(found) ?? new Error('content mismatch'));
      return;
    }
    callback();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    callback(null, chunk);
  }

  /** The SHA-256 (hex) of everything that passed; call once the stream has ended. */
  sha256(): string {
    this.digest ??= this.hash.digest('hex');
    return this.digest;
  }
}

/** The SHA-256 (hex) and size of a stream's bytes, read to the end. */
export async function hashStream(source: Readable): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of source) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}
