import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { Roles } from '../auth/roles.decorator';
import { writeLedgerXlsx } from '@tracker/documents';
import { LedgerQueryDto } from './ledger.dto';
import { LedgerQuery } from '@tracker/read-models';

/** 销号台账: the record shown to the level above, for leaders and discipline inspectors. */
@ApiTags('ledger')
@ApiBearerAuth()
@Controller()
@Roles('leader', 'inspector')
export class LedgerController {
  constructor(private readonly ledger: LedgerQuery) {}

  @Get('ledger')
  list(@Query() query: LedgerQueryDto) {
    return { title: this.ledger.title(query.campaignId), rows: this.ledger.rows(query) };
  }

  @Get('ledger.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async xlsx(@Query() query: LedgerQueryDto, @Res() res: Response): Promise<void> {
    const rows = this.ledger.rows(query);
    const title = this.ledger.title(query.campaignId);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(`${title}.xlsx`)}`,
    );
    await writeLedgerXlsx(title, rows, res);
  }
}
