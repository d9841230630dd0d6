import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { RecordsRead } from '../audit/access-log/records-read.decorator';
import { recordReadBeforeBody } from '../audit/access-log/read-log';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { readForbidden, Reads } from '../auth/roles.decorator';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { readScope } from '@tracker/domain';
import { ledgerTitle, writeLedgerXlsx } from '@tracker/documents';
import { CourtCalendar } from '@tracker/command-path';
import { CourtIdentity } from '../court/court-identity';
import { LedgerQueryDto } from './ledger.dto';
import { LedgerQuery } from '@tracker/read-models';

/**
 * 销号台账: the record shown to the level above — all of it for leaders and discipline inspectors,
 * a department head's own department's rows for them.
 */
@ApiTags('ledger')
@ApiBearerAuth()
@Controller()
@Reads('ledger')
export class LedgerController {
  constructor(
    private readonly ledger: LedgerQuery,
    private readonly court: CourtIdentity,
    private readonly calendar: CourtCalendar,
  ) {}

  @Get('ledger')
  list(@Query() query: LedgerQueryDto, @CurrentUser() user: AuthenticatedUser) {
    return { title: this.ledger.title(query.campaignId), rows: this.ledger.rows(scoped(query, user)) };
  }

  @Get('ledger.xlsx')
  @RecordsRead('ledger_export')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async xlsx(
    @Query() query: LedgerQueryDto,
    @CurrentUser() user: AuthenticatedUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const rows = this.ledger.rows(scoped(query, user));
    await recordReadBeforeBody(req);
    const title = this.ledger.title(query.campaignId);
    const heading = { title, asOf: this.calendar.today(), stamp: await this.court.stamp() };
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(`${ledgerTitle(heading)}.xlsx`)}`,
    );
    await writeLedgerXlsx(heading, rows, res);
  }
}

/** The filter as the reader may have it: a department head's is always their own department. */
function scoped(query: LedgerQueryDto, user: AuthenticatedUser): LedgerQueryDto {
  if (readScope(user.role, 'ledger') === 'all') return query;
  if (query.departmentId !== undefined && query.departmentId !== user.departmentId)
    throw readForbidden('ledger');
  return { ...query, departmentId: user.departmentId ?? '' };
}
