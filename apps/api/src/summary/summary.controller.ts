import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { RecordsRead } from '../audit/access-log/records-read.decorator';
import { Reads } from '../auth/roles.decorator';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { CourtCalendar } from '@tracker/command-path';
import { figuresWorkbook, reportDocx } from '@tracker/documents';
import { CatalogueView } from '@tracker/read-models';
import { reportDay, ReportQuery } from '@tracker/read-models';
import { SummaryQueryDto } from './summary.dto';
import { SummaryQuery } from '@tracker/read-models';
import { CourtIdentity } from '../court/court-identity';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Report figures and the progress report: readable by every signed-in role, like the campaign itself. */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller()
export class SummaryController {
  constructor(
    private readonly summary: SummaryQuery,
    private readonly report: ReportQuery,
    private readonly calendar: CourtCalendar,
    private readonly court: CourtIdentity,
    private readonly catalogue: CatalogueView,
  ) {}

  @Get('campaigns/:id/summary')
  @Reads('summary')
  get(@Param('id') id: string, @Query() query: SummaryQueryDto) {
    return this.summary.run(id, reportDay(this.calendar, query.asOf));
  }

  @Get('campaigns/:id/summary.xlsx')
  @RecordsRead('report_export', { id: 'campaignId' })
  @Reads('summary')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: '整改情况统计表（Excel，A4 打印）：各项数据与报告表述；asOf 为某日时按当日情况' })
  async xlsx(
    @Param('id') id: string,
    @Query() query: SummaryQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const figures = await this.summary.run(id, reportDay(this.calendar, query.asOf));
    const title = this.catalogue.campaign(id)?.title ?? '';
    const day = figures.asOf ?? figures.today;
    const name = `${this.court.courtName}${title}整改情况统计表（${day}）.xlsx`;
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="summary-${day}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    return new StreamableFile(await figuresWorkbook(title, figures, await this.court.stamp()));
  }

  @Get('campaigns/:id/report.docx')
  @RecordsRead('report_export', { id: 'campaignId' })
  @Reads('summary')
  @ApiProduces(DOCX)
  @ApiOperation({
    summary:
      '整改进展情况报告（Word）：报告语句、问题和措施情况表、建章立制成果、逾期措施及最新进展、延期情况；asOf 为某日时按当日情况生成',
  })
  async docx(
    @Param('id') id: string,
    @Query() query: SummaryQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const report = await this.report.run(id, reportDay(this.calendar, query.asOf));
    const name = `${this.court.courtName}${report.campaignTitle}整改进展情况的报告（${report.asOf}）.docx`;
    res.setHeader('Content-Type', DOCX);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="report-${report.asOf}.docx"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    return new StreamableFile(await reportDocx(report, await this.court.stamp()));
  }
}
