import { Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import {
  Anchorer,
  anchorFingerprint,
  AuditKey,
  readAnchors,
  RecordedAnchor,
  signatureValid,
} from '@tracker/audit';
import { CommandMeta } from '@tracker/command-path';
import { anchorForbidden, mayRecordAnchor } from '@tracker/domain';
import { EVENT_STORE, EventStore } from '@tracker/event-store';
import { AUDIT_KEY } from '@tracker/platform';
import { Reads } from '../auth/roles.decorator';
import { Meta } from '../http/command-meta.decorator';
import { refuseQueryParameters } from '../http/no-query';

/** 审计锚点: signed statements of the whole store, taken daily by the worker and on demand. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
@Reads('audit')
export class AnchorsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(AUDIT_KEY) private readonly key: AuditKey,
    private readonly anchorer: Anchorer,
  ) {}

  @Get('anchors')
  @ApiOkResponse({
    description:
      'Every anchor, newest first: its statement (sequence, anchoredAt, feedPosition, events, streams, merkleRoot, keyId…), ' +
      '`signature` (base64 Ed25519), `signatureValid` against the court key, and `fingerprint` (校验码, as printed on exports).',
  })
  async list(@Query() query: Record<string, unknown>) {
    refuseQueryParameters(query);
    return (await readAnchors(this.store)).reverse().map((a) => this.present(a));
  }

  @Post('anchors')
  @HttpCode(201)
  @ApiOperation({ summary: '立即生成审计锚点（纪检监察）；带 Idempotency-Key 重试只生成一次' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async record(@Meta() meta: CommandMeta, @Res({ passthrough: true }) response: Response) {
    if (!mayRecordAnchor(meta.actor)) throw anchorForbidden();
    const { anchor, created } = await this.anchorer.anchor({
      trigger: 'demand',
      actor: { userId: meta.actor.userId, role: meta.actor.role },
      correlationId: meta.correlationId,
      idempotencyKey: meta.idempotencyKey === null ? null : `${meta.actor.userId}:${meta.idempotencyKey}`,
    });
    if (!created) response.status(200);
    return this.present(anchor);
  }

  @Get('public-key')
  @ApiOkResponse({
    description: '`{keyId, algorithm: "Ed25519", publicKeyPem}`: what verifies every anchor, offline too.',
  })
  publicKey(@Query() query: Record<string, unknown>) {
    refuseQueryParameters(query);
    return { keyId: this.key.keyId, algorithm: 'Ed25519', publicKeyPem: this.key.publicKeyPem };
  }

  private present(anchor: RecordedAnchor) {
    return {
      ...anchor.statement,
      signature: anchor.signature,
      signatureValid:
        anchor.statement.keyId === this.key.keyId &&
        signatureValid(anchor.statement, anchor.signature, this.key.publicKey),
      fingerprint: anchorFingerprint(anchor.statement, anchor.signature),
      position: anchor.position.toString(),
    };
  }
}
