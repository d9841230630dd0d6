import { Controller, Get, Query } from '@nestjs/common';
import { Reads } from '../auth/roles.decorator';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CourtCalendar } from '@tracker/command-path';
import { reportDay } from '@tracker/read-models';
import { BoardQueryDto } from './board.dto';
import { BoardQuery } from '@tracker/read-models';

/** A court's whole board is tens of thousands of measures: it is read in pages of this many rows. */
const PAGE_SIZE = 200;

/** 挂图作战: shared on the wall, so every signed-in role may read all of it. */
@ApiTags('board')
@ApiBearerAuth()
@Controller()
export class BoardController {
  constructor(
    private readonly board: BoardQuery,
    private readonly calendar: CourtCalendar,
  ) {}

  @Get('board')
  @Reads('board')
  get(@Query() query: BoardQueryDto) {
    return this.board.run({
      campaignIds: query.campaignId === undefined ? undefined : [query.campaignId],
      groupBy: query.groupBy ?? 'problem',
      day: reportDay(this.calendar, query.asOf),
      page: this.pageOf(query),
    });
  }

  /** The court-wide board is paged; one campaign's board is whole unless a page is asked for. */
  private pageOf({ campaignId, page, pageSize }: BoardQueryDto) {
    if (campaignId !== undefined && page === undefined && pageSize === undefined) return undefined;
    return { number: page ?? 1, size: pageSize ?? PAGE_SIZE };
  }
}
