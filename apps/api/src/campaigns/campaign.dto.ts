import { CAMPAIGN_SOURCES, CampaignSource } from '@tracker/domain';
import { DateField, EnumField, IdListField, TextField } from '../http/fields';

export class LaunchCampaignDto {
  @TextField('专项名称', 200, { example: '2026年巡察反馈问题整改' })
  title!: string;

  @EnumField('问题来源', CAMPAIGN_SOURCES)
  source!: CampaignSource;

  @DateField('印发日期')
  issuedOn!: string;

  @TextField('说明', 5000, { optional: true })
  description?: string;
}

export class RecordProblemDto {
  @TextField('问题', 500)
  title!: string;

  @TextField('问题描述', 5000, { optional: true })
  description?: string;

  @TextField('问题类别', 100, { optional: true })
  category?: string;

  @TextField('原因分析', 5000, { optional: true })
  rootCause?: string;

  @IdListField('责任部门', 20)
  departmentIds!: string[];
}
