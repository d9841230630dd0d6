import { Body, Controller, Get, HttpCode, Inject, Logger, Param, Post, Req, Res } from '@nestjs/common';
import { RecordsRead } from '../audit/access-log/records-read.decorator';
import { recordReadBeforeBody } from '../audit/access-log/read-log';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { BLOB_STORE, BlobNotFoundError, BlobStore } from '@tracker/blob-store';
import { CommandMeta, EventSourcedWriter } from '@tracker/command-path';
import { attachmentsOf, guardAttachEvidence, mayReadRecordOf, notFound, streams } from '@tracker/domain';
import { EVENT_STORE, EventStore } from '@tracker/event-store';
import { APP_CONFIG, AppConfig, UPLOADS_FOLDER } from '@tracker/platform';
import { CatalogueView, DirectoryView } from '@tracker/read-models';
import { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { readForbidden, Reads } from '../auth/roles.decorator';
import { Meta } from '../http/command-meta.decorator';
import { MalformedRequestError } from '../http/malformed-request';
import { setEtag } from '../http/etag';
import { MeasureActionOutcome } from '../measures/act-on-measure.handler';
import { ActOnMeasure } from '../measures/measure.commands';
import { ReasonDto } from '../measures/measure.dto';
import { MeasurePresenter } from '../measures/measure.presenter';
import { sniffFile } from './media-type';
import { NOTE_MAX, receiveUpload } from './receive-upload';

const measureNotFound = () => notFound('measure.not_found', '整改措施不存在', 'Measure not found');
const attachmentNotFound = () => notFound('attachment.not_found', '佐证材料不存在', 'Attachment not found');

/** An RFC 6266 / RFC 5987 Content-Disposition: an ASCII fallback, and the original (Chinese) name in UTF-8. */
export function contentDisposition(fileName: string, kind: 'attachment' | 'inline' = 'attachment'): string {
  const dot = fileName.lastIndexOf('.');
  const extension = dot > 0 ? fileName.slice(dot).replace(/[^A-Za-z0-9.]/g, '') : '';
  const ascii = /^[\x20-\x7e]+$/.test(fileName) ? fileName.replace(/["\\]/g, '_') : `attachment${extension}`;
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * 佐证材料: files attached to a measure by its department, cited by progress reports and the
 * submission of completion, read by whoever may read the measure's history.
 */
@ApiTags('attachments')
@ApiBearerAuth()
@Controller()
export class AttachmentsController {
  private readonly logger = new Logger(AttachmentsController.name);

  constructor(
    private readonly commands: CommandBus,
    private readonly catalogue: CatalogueView,
    private readonly directory: DirectoryView,
    private readonly writer: EventSourcedWriter,
    private readonly presenter: MeasurePresenter,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(UPLOADS_FOLDER) private readonly uploads: string,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('measures/:id/attachments')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description:
            'one file: PDF, OFD, JPEG, PNG, WebP, DOCX, XLSX, PPTX, DOC, XLS, plain text or MP4, its type read from its content',
        },
        note: { type: 'string', maxLength: NOTE_MAX, description: '说明 (optional)' },
      },
    },
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'a retry with the same key and file records nothing twice',
  })
  @ApiCreatedResponse({
    description:
      '`{id, fileName, mediaType, size, sha256}`. Refusals: 403 another department (nothing read or written), 413 over ATTACHMENT_MAX_MB, 415 a type not accepted (naming the detected type), 400 no file.',
  })
  async attach(
    @Param('id') measureId: string,
    @Meta() meta: CommandMeta,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    // Who may attach is decided before a byte of the body is stored.
    const measure = this.catalogue.measure(measureId);
    try {
      if (!measure) throw measureNotFound();
      guardAttachEvidence(measure.state, this.writer.contextFor(meta));
    } catch (refusal) {
      // Read at most what an accepted upload could hold, then hang up.
      await discardBody(request, this.config.attachmentMaxBytes + 64 * 1024);
      throw refusal;
    }
    const upload = await receiveUpload(request, response, {
      folder: this.uploads,
      maxBytes: this.config.attachmentMaxBytes,
    });
    try {
      const sniffed = await sniffFile(upload.path);
      if (!sniffed.accepted) {
        throw new MalformedRequestError(415, 'attachment_type_not_accepted', 'file', 'mediaType', {
          zh: `不支持该文件类型（按内容检测为 ${sniffed.detected}）：请上传 PDF、OFD、JPEG、PNG、WebP、Word、Excel、PowerPoint、纯文本或 MP4 文件`,
          en: `The content is ${sniffed.detected}, not an accepted type (PDF, OFD, JPEG, PNG, WebP, DOCX, XLSX, PPTX, DOC, XLS, plain text, MP4)`,
        });
      }
      await this.blobs.putFile(upload.sha256, upload.size, upload.path);
      const outcome: MeasureActionOutcome = await this.commands.execute(
        new ActOnMeasure(
          measureId,
          {
            type: 'AttachEvidence',
            data: {
              fileName: upload.fileName,
              mediaType: sniffed.accepted,
              size: upload.size,
              sha256: upload.sha256,
              note: upload.note,
            },
          },
          meta,
        ),
      );
      setEtag(response, outcome.revision);
      const attached = attachmentsOf(outcome.state).find(
        (a) => a.attachmentId === outcome.created.attachmentId,
      );
      if (!attached)
        throw new Error(`attachment ${outcome.created.attachmentId} not in measure ${measureId}`);
      return {
        id: attached.attachmentId,
        fileName: attached.fileName,
        mediaType: attached.mediaType,
        size: attached.size,
        sha256: attached.sha256,
      };
    } finally {
      await upload.discard();
    }
  }

  @Get('measures/:id/attachments')
  @Reads('attachments')
  @ApiOkResponse({
    description:
      'The files attached to the measure, oldest first: `{id, fileName, mediaType, size, sha256, note, attachedAt, attachedBy: {userId, displayName}, withdrawn: null | {reason, at, by}}`.',
  })
  async list(@Param('id') measureId: string, @CurrentUser() user: AuthenticatedUser) {
    const measure = this.catalogue.measure(measureId);
    if (measure && !mayReadRecordOf(user, 'attachments', measure.state.departmentId))
      throw readForbidden('attachments');
    const events = await this.store.readStream(streams.measure(measureId));
    if (events.length === 0) throw measureNotFound();
    const who = (userId: string) => ({
      userId,
      displayName: this.directory.user(userId)?.displayName ?? null,
    });
    const list = new Map<string, Record<string, unknown>>();
    for (const e of events) {
      const data = e.data as Record<string, unknown>;
      if (e.type === 'EvidenceAttached') {
        list.set(String(data.attachmentId), {
          id: data.attachmentId,
          fileName: data.fileName,
          mediaType: data.mediaType,
          size: data.size,
          sha256: data.sha256,
          note: data.note ?? null,
          attachedAt: e.metadata.recordedAt,
          attachedBy: who(e.metadata.actor.userId),
          withdrawn: null,
        });
      } else if (e.type === 'EvidenceWithdrawn') {
        const item = list.get(String(data.attachmentId));
        if (item)
          item.withdrawn = {
            reason: data.reason,
            at: e.metadata.recordedAt,
            by: who(e.metadata.actor.userId),
          };
      }
    }
    return [...list.values()];
  }

  @Get('attachments/:id')
  @RecordsRead('attachment_download', { id: 'attachmentId' })
  @Reads('attachments')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({
    description:
      'The bytes as attached, with Content-Type as sniffed, the original name in Content-Disposition (RFC 5987 filename*) and ETag "<sha256>" (If-None-Match answers 304). A withdrawn file is still served: nothing is deleted.',
  })
  async download(
    @Param('id') attachmentId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const measure = this.catalogue.measureOfAttachment(attachmentId);
    if (!measure) throw attachmentNotFound();
    if (!mayReadRecordOf(user, 'attachments', measure.state.departmentId)) throw readForbidden('attachments');
    const attachment = attachmentsOf(measure.state).find((a) => a.attachmentId === attachmentId);
    if (!attachment) throw attachmentNotFound();
    const etag = `"${attachment.sha256}"`;
    response.setHeader('ETag', etag);
    response.setHeader('Cache-Control', 'private, no-cache');
    if (request.headers['if-none-match'] === etag) {
      await recordReadBeforeBody(request, 304);
      response.status(304).end();
      return;
    }
    let body;
    try {
      body = await this.blobs.open(attachment.sha256);
    } catch (error) {
      if (!(error instanceof BlobNotFoundError)) throw error;
      this.logger.error(
        `Evidence file missing from the ${this.blobs.kind} blob store: attachment ${attachmentId}, sha256 ${attachment.sha256}`,
      );
      throw notFound(
        'attachment.file_missing',
        '该佐证材料的文件已不在存储中，请联系系统管理员（可运行完整性检查）',
        'The file is missing from the blob store; run the integrity check',
      );
    }
    await recordReadBeforeBody(request);
    response.status(200);
    response.setHeader(
      'Content-Type',
      attachment.mediaType === 'text/plain' ? 'text/plain; charset=utf-8' : attachment.mediaType,
    );
    response.setHeader('Content-Length', String(attachment.size));
    response.setHeader('Content-Disposition', contentDisposition(attachment.fileName));
    // A file is shown, never run: no script of an uploaded file runs in the tracker's origin.
    response.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; img-src 'self'; media-src 'self'; sandbox",
    );
    await pipeline(body, response).catch((error: unknown) => {
      this.logger.warn(`Download of attachment ${attachmentId} cut off: ${String(error)}`);
    });
  }

  @Post('measures/:id/attachments/:attachmentId/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The measure as it now stands; the file is kept and still downloadable.' })
  async withdraw(
    @Param('id') measureId: string,
    @Param('attachmentId') attachmentId: string,
    @Body() body: ReasonDto,
    @Meta() meta: CommandMeta,
    @Res({ passthrough: true }) response: Response,
  ) {
    const outcome: MeasureActionOutcome = await this.commands.execute(
      new ActOnMeasure(
        measureId,
        { type: 'WithdrawEvidence', data: { attachmentId, reason: body.reason } },
        meta,
      ),
    );
    setEtag(response, outcome.revision);
    return { measure: this.presenter.present(outcome.state, outcome.revision, meta.actor) };
  }
}

/**
 * Reads a refused upload's body and throws it away, so the client hears the refusal rather than a
 * reset; past `limit` bytes (a body that would be refused anyway) the connection is cut instead.
 */
export async function discardBody(request: Request, limit: number): Promise<void> {
  if (request.readableEnded || request.destroyed) return;
  await new Promise<void>((resolve) => {
    let read = 0;
    request.on('data', (chunk: Buffer) => {
      read += chunk.length;
      if (read > limit) {
        request.unpipe();
        request.pause();
        resolve();
      }
    });
    request
      .on('end', resolve)
      .on('error', () => resolve())
      .on('close', () => resolve());
    request.resume();
  });
  // The refusal is written first; then the connection goes, with the rest of the body unread.
  if (!request.readableEnded) request.res?.once('finish', () => request.socket.destroy());
}
