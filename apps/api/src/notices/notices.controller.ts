import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import {
  attachmentsOf,
  mayReadRecordOf,
  noticeDecider,
  NoticeCommand,
  noticeNumberText,
  streams,
  yearOfNoticeId,
} from '@tracker/domain';
import { CommandMeta, EventSourcedWriter } from '@tracker/command-path';
import { CatalogueView, DirectoryView, NoticeRecord, NoticesView, ReadModels } from '@tracker/read-models';
import { noticeDocx, noticeTitle } from '@tracker/documents';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { readForbidden, Reads } from '../auth/roles.decorator';
import { CourtIdentity } from '../court/court-identity';
import { Meta } from '../http/command-meta.decorator';
import { NoticeReplyDto } from './notices.dto';

const notFound = () =>
  new NotFoundException({
    code: 'notice.not_found',
    messages: { zh: '督办单不存在', en: 'Notice not found' },
  });

/**
 * 督办单: issued by the ladder's steps (the worker), read by leaders and inspectors (all) and by
 * the responsible department's head, who receives (签收) and answers (回复) them.
 */
@ApiTags('notices')
@ApiBearerAuth()
@Controller('notices')
@Reads('measureHistory')
export class NoticesController {
  constructor(
    private readonly notices: NoticesView,
    private readonly catalogue: CatalogueView,
    private readonly directory: DirectoryView,
    private readonly writer: EventSourcedWriter,
    private readonly readModels: ReadModels,
    private readonly court: CourtIdentity,
  ) {}

  @Get()
  list(@CurrentUser() user: AuthenticatedUser) {
    return this.notices
      .list()
      .filter((n) => mayReadRecordOf(user, 'measureHistory', n.measure.departmentId))
      .map((n) => this.present(n));
  }

  @Get(':id.docx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  async docx(
    @Param('id') id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) response: Response,
  ) {
    const notice = this.readable(id, user);
    const name = `${noticeTitle(notice)}${noticeNumberText(notice.year, notice.number)}.docx`;
    response.setHeader(
      'Content-Type',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="notice-${id}.docx"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    return new StreamableFile(await noticeDocx(notice, this.court.bulletinIssuer, await this.court.stamp()));
  }

  @Get(':id')
  get(@Param('id') id: string, @CurrentUser() user: AuthenticatedUser) {
    return this.present(this.readable(id, user));
  }

  /** 签收 by the responsible department's head; a repeat records nothing. */
  @Post(':id/receipt')
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async receive(@Param('id') id: string, @Meta() meta: CommandMeta) {
    return this.act(id, meta, 'ReceiveNotice', (context) => ({
      type: 'ReceiveNotice',
      data: { noticeId: id },
      context,
    }));
  }

  /** 回复, after 签收, citing evidence files of the measure (佐证材料, uploaded on the measure first). */
  @Post(':id/reply')
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async reply(@Param('id') id: string, @Body() body: NoticeReplyDto, @Meta() meta: CommandMeta) {
    const notice = this.notices.get(id);
    const measure = notice ? this.catalogue.measure(notice.measure.measureId)?.state : undefined;
    const citable = measure
      ? attachmentsOf(measure)
          .filter((a) => !a.withdrawn)
          .map((a) => a.attachmentId)
      : [];
    return this.act(id, meta, 'ReplyToNotice', (context) => ({
      type: 'ReplyToNotice',
      data: { noticeId: id, content: body.content, attachmentIds: body.attachmentIds ?? [] },
      context,
      citable,
    }));
  }

  private async act(
    id: string,
    meta: CommandMeta,
    commandName: NoticeCommand['type'],
    command: (context: NoticeCommand['context']) => NoticeCommand,
  ) {
    const year = yearOfNoticeId(id);
    if (year === null) throw notFound();
    const outcome = await this.writer.write({
      streamName: streams.noticeYear(year),
      decider: noticeDecider,
      commandName,
      meta,
      command: (context) => command(context),
      result: () => undefined,
    });
    if (outcome.position !== null) await this.readModels.catchUp(outcome.position);
    const notice = this.notices.get(id);
    if (!notice) throw notFound();
    return this.present(notice);
  }

  private readable(id: string, user: AuthenticatedUser): NoticeRecord {
    const notice = this.notices.get(id);
    if (!notice) throw notFound();
    if (!mayReadRecordOf(user, 'measureHistory', notice.measure.departmentId))
      throw readForbidden('measureHistory');
    return notice;
  }

  private present(n: NoticeRecord) {
    const name = (userId: string | undefined) =>
      userId ? (this.directory.user(userId)?.displayName ?? null) : null;
    return {
      id: n.noticeId,
      numberText: noticeNumberText(n.year, n.number),
      title: noticeTitle(n),
      year: n.year,
      number: n.number,
      level: n.level,
      alertId: n.alertId,
      issuedOn: n.issuedOn,
      issuedAt: n.issuedAt,
      daysOverdue: n.daysOverdue,
      replyBy: n.replyBy,
      measure: {
        ...n.measure,
        departmentName: this.directory.department(n.measure.departmentId)?.name ?? n.measure.departmentName,
      },
      receipt: n.receipt ? { ...n.receipt, receivedByName: name(n.receipt.receivedBy) } : null,
      reply: n.reply ? { ...n.reply, repliedByName: name(n.reply.repliedBy) } : null,
    };
  }
}
