import { ALERT_LEVELS, AlertLevel } from '@tracker/domain';
import { EnumField, TextField } from '../http/fields';

export class AlertFiltersDto {
  @EnumField('级别', ALERT_LEVELS, { optional: true })
  level?: AlertLevel;

  @TextField('责任部门', 64, { optional: true })
  departmentId?: string;

  @TextField('责任领导', 64, { optional: true })
  leaderId?: string;

  @TextField('整改专项', 64, { optional: true })
  campaignId?: string;

  @TextField('整改措施', 64, { optional: true })
  measureId?: string;
}
