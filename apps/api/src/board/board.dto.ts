import { CalendarDate } from '@tracker/domain';
import { DateField, EnumField, TextField } from '../http/fields';

export const BOARD_GROUPINGS = ['problem', 'department', 'leader'] as const;
export type BoardGrouping = (typeof BOARD_GROUPINGS)[number];

export class BoardQueryDto {
  @TextField('整改专项', 64, { optional: true })
  campaignId?: string;

  @EnumField('分组方式', BOARD_GROUPINGS, { optional: true })
  groupBy?: BoardGrouping;

  @DateField('截至日期', { optional: true })
  asOf?: CalendarDate;
}
