import { CalendarDate } from '@tracker/domain';
import { BOARD_GROUPINGS, BoardGrouping } from '@tracker/read-models';
import { DateField, EnumField, TextField } from '../http/fields';

export class BoardQueryDto {
  @TextField('整改专项', 64, { optional: true })
  campaignId?: string;

  @EnumField('分组方式', BOARD_GROUPINGS, { optional: true })
  groupBy?: BoardGrouping;

  @DateField('截至日期', { optional: true })
  asOf?: CalendarDate;
}
