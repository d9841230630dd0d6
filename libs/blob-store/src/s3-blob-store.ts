import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { BlobHashMismatchError, BlobNotFoundError, BlobStore, checkSha256 } from './blob-store.port';
import { HashingStream } from './hashing';

export interface S3BlobStoreSettings {
  /** e.g. http://minio:9000; null for AWS itself. */
  endpoint: string | null;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** MinIO and most court object stores want path-style URLs (http://host/bucket/key). */
  forcePathStyle: boolean;
  /** Key prefix inside the bucket, e.g. "evidence/". */
  prefix: string;
}

/**
 * Where the AWS SDK's own warnings and errors go: the tracker's log, in its format. Without one
 * the SDK writes some (a streaming upload that failed) to the console itself; its debug and info
 * lines are dropped.
 */
export interface SdkLog {
  warn(message: string): void;
  error(message: string): void;
}

function isNotFound(error: unknown): boolean {
  if (error instanceof S3ServiceException) {
    return error.$metadata.httpStatusCode === 404 || error.name === 'NotFound' || error.name === 'NoSuchKey';
  }
  return false;
}

/**
 * For deployments with several API instances: the blobs in an S3-compatible bucket (MinIO, a court
 * data centre's object store), each object under `<prefix><sha256>`. The bytes are uploaded under
 * a temporary key (`<prefix>tmp/…`), hashed as they stream out; only when the hash and size are
 * the ones named is the object copied, inside the store, to its content key. So an object under
 * its hash is always that content whatever the server does with a cut-off PUT (some keep what
 * arrived), and a killed process leaves at most a temporary object (expire `<prefix>tmp/` with a
 * lifecycle rule; docs/operations.md).
 */
export class S3BlobStore implements BlobStore {
  readonly kind = 's3';
  private readonly client: S3Client;

  constructor(
    private readonly settings: S3BlobStoreSettings,
    log: SdkLog,
  ) {
    const say =
      (write: (message: string) => void) =>
      (...parts: unknown[]) =>
        write(parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' '));
    this.client = new S3Client({
      logger: {
        debug: () => undefined,
        info: () => undefined,
        warn: say((message) => log.warn(message)),
        error: say((message) => log.error(message)),
      },
      region: settings.region,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      forcePathStyle: settings.forcePathStyle,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
      // A checksum on every request needs the whole body first; ours is computed as it streams.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  /** Creates the bucket when it does not exist yet (a fresh MinIO). */
  async ensureBucket(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.settings.bucket }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await this.client.send(new CreateBucketCommand({ Bucket: this.settings.bucket }));
    }
  }

  private keyOf(sha256: string): string {
    checkSha256(sha256);
    return `${this.settings.prefix}${sha256}`;
  }

  async put(sha256: string, size: number, openSource: () => Readable): Promise<{ created: boolean }> {
    const Key = this.keyOf(sha256);
    if (await this.stat(sha256)) return { created: false };
    const Bucket = this.settings.bucket;
    const temporary = `${this.settings.prefix}tmp/${sha256}.${randomUUID()}`;
    try {
      await this.upload(temporary, sha256, size, openSource);
      const copy = () =>
        this.client.send(
          new CopyObjectCommand({ Bucket, Key, CopySource: `${Bucket}/${encodeURI(temporary)}` }),
        );
      try {
        await copy();
      } catch (error) {
        // A concurrent writer of the same content may have made the copy fail (some servers do):
        // its object is these very bytes. Otherwise one more try before giving up.
        if ((await this.stat(sha256))?.size === size) return { created: false };
        await copy().catch(async (again: unknown) => {
          if ((await this.stat(sha256))?.size !== size) throw again ?? error;
        });
      }
    } finally {
      await this.client.send(new DeleteObjectCommand({ Bucket, Key: temporary })).catch(() => undefined);
    }
    return { created: true };
  }

  putFile(sha256: string, size: number, path: string): Promise<{ created: boolean }> {
    return this.put(sha256, size, () => createReadStream(path));
  }

  /** Streams the source to `key`, hashing it; refuses (after the fact) content that is not the one named. */
  private async upload(key: string, sha256: string, size: number, openSource: () => Readable) {
    const expected = { sha256, size };
    const checked = new HashingStream(expected, (found) => new BlobHashMismatchError(expected, found));
    // A failing source aborts the request; the SDK would otherwise wait for the rest of the body.
    const abort = new AbortController();
    let failure: Error | null = null;
    const fail = (error: Error) => {
      failure ??= error;
      abort.abort();
    };
    checked.on('error', fail);
    const source = openSource();
    source.on('error', (error) => {
      fail(error);
      checked.destroy(error);
    });
    source.pipe(checked);
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.settings.bucket,
          Key: key,
          Body: checked,
          ContentLength: size,
          ContentType: 'application/octet-stream',
        }),
        { abortSignal: abort.signal },
      );
    } catch (error) {
      throw failure ?? error;
    }
    if (failure) throw failure;
  }

  async open(sha256: string): Promise<Readable> {
    try {
      const answer = await this.client.send(
        new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(sha256) }),
      );
      return answer.Body as Readable;
    } catch (error) {
      if (isNotFound(error)) throw new BlobNotFoundError(sha256);
      throw error;
    }
  }

  async stat(sha256: string): Promise<{ size: number } | null> {
    try {
      const head = await this.client.send(
        new HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(sha256) }),
      );
      return { size: Number(head.ContentLength ?? 0) };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  destroy(): void {
    this.client.destroy();
  }
}
