import { ALERT_LEVELS, AlertLevel } from '@tracker/domain';
import { EnumField, TextField } from '../http/fields';

export class AlertFiltersDto {
  @EnumField('级别', ALERT_LEVELS, { optional: true })
  level?: AlertLevel;

  @TextField('责任部门', 64, { optional: true })
  department?: string;

  @TextField('责任领导', 64, { optional: true })
  leader?: string;

  @TextField('整改专项', 64, { optional: true })
  campaign?: string;

  @TextField('整改措施', 64, { optional: true })
  measure?: string;
}
