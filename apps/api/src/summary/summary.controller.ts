import { Controller, Get, Param, Query } from '@nestjs/common';
import { Reads } from '../auth/roles.decorator';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CourtCalendar } from '@tracker/command-path';
import { reportDay } from '@tracker/read-models';
import { SummaryQueryDto } from './summary.dto';
import { SummaryQuery } from '@tracker/read-models';

/** Report figures: readable by every signed-in role, like the campaign itself. */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller()
export class SummaryController {
  constructor(
    private readonly summary: SummaryQuery,
    private readonly calendar: CourtCalendar,
  ) {}

  @Get('campaigns/:id/summary')
  @Reads('summary')
  get(@Param('id') id: string, @Query() query: SummaryQueryDto) {
    return this.summary.run(id, reportDay(this.calendar, query.asOf));
  }
}
