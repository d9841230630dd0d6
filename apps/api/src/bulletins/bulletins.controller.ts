import {
  Body,
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  Post,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { randomUUID } from 'node:crypto';
import {
  addDays,
  bulletinIssueForbidden,
  drawUpBulletin,
  mayIssueBulletin,
  MeasureLine,
} from '@tracker/domain';
import { Clock, CommandMeta, CourtCalendar, EventSourcedWriter, issueBulletin } from '@tracker/command-path';
import { APP_CONFIG, AppConfig } from '@tracker/platform';
import { BulletinRecord, BulletinsView, DirectoryView, MeasuresProjection } from '@tracker/read-models';
import { bulletinIssueLabel, bulletinWorkbook } from '@tracker/documents';
import { Reads } from '../auth/roles.decorator';
import { RecordsRead } from '../audit/access-log/records-read.decorator';
import { Meta } from '../http/command-meta.decorator';
import { CourtIdentity } from '../court/court-identity';
import { IssueBulletinDto } from './bulletins.dto';

const notFound = () =>
  new NotFoundException({
    code: 'bulletin.not_found',
    messages: { zh: '督办通报不存在', en: 'Bulletin not found' },
  });

/** 督办通报: issued weekly by the worker or on request, as JSON or as a one-page workbook to circulate. */
@ApiTags('bulletins')
@ApiBearerAuth()
@Controller('bulletins')
@Reads('bulletins')
export class BulletinsController {
  constructor(
    private readonly bulletins: BulletinsView,
    private readonly directory: DirectoryView,
    private readonly measures: MeasuresProjection,
    private readonly writer: EventSourcedWriter,
    private readonly calendar: CourtCalendar,
    private readonly clock: Clock,
    private readonly court: CourtIdentity,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  list() {
    return this.bulletins.list().map((b) => this.present(b));
  }

  @Post()
  @ApiOperation({
    summary:
      '发布一期督办通报（党组书记、纪检监察）：编号为本年度下一期；periodEnd 默认今天，periodStart 默认其前7天；带 Idempotency-Key 重试不会重复发布',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async issue(@Body() body: IssueBulletinDto, @Meta() meta: CommandMeta) {
    // The decider decides; asking first spares a refused caller the replay of history below.
    if (!mayIssueBulletin(meta.actor)) throw bulletinIssueForbidden();
    const today = this.calendar.today();
    const periodEnd = body.periodEnd ?? today;
    const periodStart = body.periodStart ?? addDays(periodEnd, -7);
    const draft = {
      requestId: `request-${randomUUID()}`,
      issuedOn: today,
      periodEnd,
      periodStart,
      rules: { ladder: this.config.supervisionLadder },
    };
    // Figures as of the period's end: today's lines, or the lines as they stood that day.
    const lines = periodEnd > today ? [] : this.linesAsOf(periodEnd, today);
    const issued = await issueBulletin(this.writer, drawUpBulletin(lines, draft), meta, {
      periodStart: body.periodStart ?? null,
      periodEnd: body.periodEnd ?? null,
    });
    if (issued === null) throw notFound();
    // A retry answers the first bulletin; its list entry (GET) carries the instant it was recorded.
    return this.present({
      ...issued,
      issuedAt: this.bulletins.get(issued.bulletinId)?.issuedAt ?? this.clock.now().toISOString(),
    });
  }

  @Get(':id.xlsx')
  @RecordsRead('bulletin_export', { id: 'bulletinId' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async xlsx(@Param('id') id: string, @Res({ passthrough: true }) response: Response) {
    const bulletin = this.bulletins.get(id);
    if (!bulletin) throw notFound();
    const name = `督办通报${bulletinIssueLabel(bulletin)}.xlsx`;
    response.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="bulletin-${id}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    const heading = { issuer: this.court.bulletinIssuer, stamp: await this.court.stamp() };
    return new StreamableFile(await bulletinWorkbook(bulletin, heading, (d) => this.departmentName(d)));
  }

  @Get(':id')
  get(@Param('id') id: string) {
    const bulletin = this.bulletins.get(id);
    if (!bulletin) throw notFound();
    return this.present(bulletin);
  }

  /** Today's lines, or the lines as they stood at the end of a past day, read from the measure model's dated history. */
  private linesAsOf(periodEnd: string, today: string): MeasureLine[] {
    if (periodEnd === today) return [...this.measures.lines.values()];
    return this.measures.asOf(periodEnd).lines();
  }

  private departmentName(id: string): string {
    return this.directory.department(id)?.name ?? id;
  }

  private present(b: BulletinRecord) {
    return {
      id: b.bulletinId,
      year: b.year,
      number: b.number,
      label: bulletinIssueLabel(b),
      issuer: this.court.bulletinIssuer,
      issuedOn: b.issuedOn,
      periodStart: b.periodStart,
      asOf: b.asOf,
      issuedAt: b.issuedAt,
      lines: b.lines.map((l) => ({ ...l, departmentName: this.departmentName(l.departmentId) })),
      overdueMeasures: b.overdueMeasures.map((m) => ({
        ...m,
        departmentName: this.departmentName(m.departmentId),
      })),
    };
  }
}
