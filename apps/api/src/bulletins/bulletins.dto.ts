import { CalendarDate } from '@tracker/domain';
import { DateField } from '../http/fields';

/** POST /bulletins: the period covered; by default the seven days up to today. */
export class IssueBulletinDto {
  @DateField('统计起始日期', { optional: true })
  periodStart?: CalendarDate;

  @DateField('统计截止日期', { optional: true })
  periodEnd?: CalendarDate;
}
