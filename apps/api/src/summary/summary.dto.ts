import { CalendarDate } from '@tracker/domain';
import { DateField } from '../http/fields';

export class SummaryQueryDto {
  @DateField('截至日期', { optional: true })
  asOf?: CalendarDate;
}
