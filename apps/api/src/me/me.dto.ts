import { Light } from '@tracker/domain';
import { EnumField, TextField } from '../http/fields';

export const APPROVAL_KINDS = ['extension', 'completion'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

export class ApprovalsQueryDto {
  @TextField('整改专项', 64, { optional: true })
  campaignId?: string;

  @EnumField('审批类型', APPROVAL_KINDS, { optional: true })
  kind?: ApprovalKind;
}

export const LIGHTS: readonly Light[] = ['green', 'blue', 'yellow', 'red'];

export class MyMeasuresQueryDto {
  @TextField('整改专项', 64, { optional: true })
  campaignId?: string;

  @EnumField('灯色', LIGHTS, { optional: true })
  light?: Light;
}
