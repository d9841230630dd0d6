import { CalendarDate } from '@tracker/domain';
import { DateField, TextField } from '../http/fields';

export class LedgerQueryDto {
  @TextField('整改专项', 64, { optional: true })
  campaignId?: string;

  @TextField('责任部门', 64, { optional: true })
  departmentId?: string;

  @TextField('责任领导', 64, { optional: true })
  leaderId?: string;

  @DateField('销号起始日期', { optional: true })
  signedOffFrom?: CalendarDate;

  @DateField('销号截止日期', { optional: true })
  signedOffTo?: CalendarDate;
}
