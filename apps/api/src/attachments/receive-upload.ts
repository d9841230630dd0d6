import { Request, Response } from 'express';
import multer, { MulterError, StorageEngine } from 'multer';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { HashingStream } from '@tracker/blob-store';
import { MalformedRequestError } from '../http/malformed-request';
import { RequestValidationError } from '@tracker/command-path';
import { ReclaimChunks } from './reclaim-chunks';

/** One uploaded file, on local disk in the uploads folder, with the hash computed as it arrived. */
export interface ReceivedUpload {
  path: string;
  fileName: string;
  size: number;
  sha256: string;
  note: string | null;
  /** Removes the temporary file (always call it, whatever happens next). */
  discard(): Promise<void>;
}

interface StoredFile {
  path: string;
  size: number;
  sha256: string;
}

/**
 * multer's disk storage, but hashing: each byte is counted and hashed on its way to a temporary
 * file in `folder`, so the SHA-256 is known the moment the last byte lands and the body is never
 * held in memory. A file cut off (over the limit, a broken connection) is removed here or by
 * multer's own clean-up; a process killed midway leaves it for the sweep at start.
 */
class HashingDiskStorage implements StorageEngine {
  constructor(private readonly folder: string) {}

  _handleFile(
    _req: Request,
    file: Express.Multer.File,
    callback: (error?: unknown, info?: Partial<Express.Multer.File>) => void,
  ) {
    const path = join(this.folder, `upload-${randomUUID()}`);
    const hashing = new HashingStream();
    pipeline(file.stream, new ReclaimChunks(), hashing, createWriteStream(path, { flags: 'wx' })).then(
      () =>
        callback(null, {
          path,
          size: hashing.size,
          sha256: hashing.sha256(),
        } as Partial<Express.Multer.File>),
      (error: unknown) => {
        void rm(path, { force: true }).then(() => callback(error));
      },
    );
  }

  _removeFile(_req: Request, file: Express.Multer.File, callback: (error: Error | null) => void) {
    void rm(file.path, { force: true }).then(() => callback(null), callback);
  }
}

export const NOTE_MAX = 1000;

/**
 * Reads a multipart/form-data body holding one file in the field `file` (and an optional `note`)
 * into the uploads folder. Refusals, each with nothing left on disk: 415 for a body that is not
 * multipart, 413 for a file over `maxBytes`, 400 naming the field for anything else.
 */
export async function receiveUpload(
  request: Request,
  response: Response,
  { folder, maxBytes }: { folder: string; maxBytes: number },
): Promise<ReceivedUpload> {
  if (!request.is('multipart/form-data')) {
    throw new MalformedRequestError(415, 'unsupported_media_type', 'Content-Type', 'isMultipart', {
      zh: '上传文件须使用 multipart/form-data，文件放在 file 字段',
      en: 'Upload the file as multipart/form-data, in the field "file"',
    });
  }
  await mkdir(folder, { recursive: true });
  const upload = multer({
    storage: new HashingDiskStorage(folder),
    limits: { fileSize: maxBytes, files: 1, fields: 4, fieldSize: 16 * 1024, parts: 6 },
    // Browsers send the file name in UTF-8: 整改通知.pdf must not arrive as Latin-1 mojibake.
    defParamCharset: 'utf8',
  }).single('file');
  await new Promise<void>((resolve, reject) => {
    upload(request, response, (error?: unknown) => (error ? reject(refusalOf(error, maxBytes)) : resolve()));
  });
  const file = request.file as (Express.Multer.File & StoredFile) | undefined;
  const body = (request.body ?? {}) as Record<string, unknown>;
  const discard = async () => {
    if (file) await rm(file.path, { force: true });
  };
  const problems: ConstructorParameters<typeof RequestValidationError>[0] = [];
  if (!file) {
    problems.push({
      field: 'file',
      rule: 'required',
      messages: { zh: '请选择要上传的文件（file 字段）', en: 'the field "file" must hold the file' },
    });
  }
  const note = typeof body.note === 'string' ? body.note.trim() : null;
  if (note !== null && note.length > NOTE_MAX) {
    problems.push({
      field: 'note',
      rule: 'maxLength',
      messages: { zh: `说明不能超过${NOTE_MAX}个字符`, en: `must be at most ${NOTE_MAX} characters` },
    });
  }
  const fileName = file ? file.originalname.normalize('NFC').trim() : '';
  if (file && (fileName === '' || fileName.length > 255)) {
    problems.push({
      field: 'file',
      rule: 'fileName',
      messages: { zh: '文件名须为1-255个字符', en: 'the file name must be 1-255 characters' },
    });
  }
  if (problems.length > 0 || !file) {
    await discard();
    throw new RequestValidationError(problems);
  }
  return { path: file.path, fileName, size: file.size, sha256: file.sha256, note: note || null, discard };
}

function refusalOf(error: unknown, maxBytes: number): unknown {
  if (error instanceof MulterError) {
    if (error.code === 'LIMIT_FILE_SIZE') {
      const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
      return new MalformedRequestError(413, 'attachment_too_large', 'file', 'maxSize', {
        zh: `文件过大：上限为 ${mb} MB`,
        en: `The file is larger than the ${mb} MB limit`,
      });
    }
    const field = error.field ?? 'file';
    return new RequestValidationError([
      {
        field,
        rule: error.code,
        messages: {
          zh:
            error.code === 'LIMIT_UNEXPECTED_FILE'
              ? '只能上传一个文件，放在 file 字段'
              : `表单字段 ${field} 不符合要求`,
          en: error.message,
        },
      },
    ]);
  }
  // busboy's own refusals: a body that is not well-formed multipart. A failing disk is ours (5xx).
  if (error instanceof Error && (error as NodeJS.ErrnoException).syscall === undefined) {
    return new MalformedRequestError(400, 'invalid_multipart', 'body', 'multipart', {
      zh: '上传的表单格式无效',
      en: `The multipart body is malformed: ${error.message}`,
    });
  }
  return error;
}
