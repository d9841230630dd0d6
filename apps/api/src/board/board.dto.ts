import { CalendarDate } from '@tracker/domain';
import { BOARD_GROUPINGS, BoardGrouping } from '@tracker/read-models';
import { Type } from 'class-transformer';
import { DateField, EnumField, IntField, TextField } from '../http/fields';

export class BoardQueryDto {
  @TextField('整改专项', 64, { optional: true })
  campaignId?: string;

  @EnumField('分组方式', BOARD_GROUPINGS, { optional: true })
  groupBy?: BoardGrouping;

  @DateField('截至日期', { optional: true })
  asOf?: CalendarDate;

  @Type(() => Number)
  @IntField('页码', 1, 100_000, { optional: true })
  page?: number;

  /** The court-wide board (no campaignId) is paged by default; one campaign's is whole unless asked. */
  @Type(() => Number)
  @IntField('每页条数', 1, 1_000, { optional: true })
  pageSize?: number;
}
