import { MEASURE_KINDS, MeasureKind } from '@tracker/domain';
import {
  DateField,
  EnumField,
  IdField,
  IntField,
  NestedListField,
  OptionalIdListField,
  TextField,
} from '../http/fields';

export class MilestoneDto {
  @TextField('节点名称', 200)
  title!: string;

  @DateField('节点时间')
  dueDate!: string;
}

export class AddMeasureDto {
  @TextField('整改措施', 2000)
  content!: string;

  @TextField('整改目标', 1000, { optional: true })
  target?: string;

  @EnumField('措施类型', MEASURE_KINDS)
  kind!: MeasureKind;

  @IdField('责任领导')
  responsibleLeaderId!: string;

  @IdField('责任部门')
  departmentId!: string;

  @TextField('责任人', 100)
  responsiblePerson!: string;

  @DateField('完成时限', { optional: true })
  dueDate?: string;

  @IntField('报告周期（天）', 1, 366, { optional: true })
  reportEveryDays?: number;

  @NestedListField('节点', () => MilestoneDto, 20)
  milestones?: MilestoneDto[];
}

export class ReportProgressDto {
  @TextField('进展情况', 2000)
  note!: string;

  @IntField('完成百分比', 0, 100)
  percent!: number;

  @OptionalIdListField('引用的佐证材料', 50)
  attachmentIds?: string[];
}

export class RequestExtensionDto {
  @DateField('申请延期至')
  newDueDate!: string;

  @TextField('延期理由', 1000)
  reason!: string;
}

export class OpinionDto {
  @TextField('审核意见', 1000, { optional: true })
  opinion?: string;
}

export class ReasonDto {
  @TextField('理由', 1000)
  reason!: string;
}

export class ReopenDto {
  @TextField('重新打开理由', 1000)
  reason!: string;

  @DateField('新的完成时限', { optional: true })
  newDueDate?: string;
}

export class CompletionDto {
  @TextField('完成情况', 5000)
  summary!: string;

  @TextField('佐证材料', 5000, { optional: true })
  evidence?: string;

  @OptionalIdListField('引用的佐证材料', 50)
  attachmentIds?: string[];
}

export class UrgeDto {
  @TextField('催办内容', 500)
  message!: string;
}

export class LookBackDto {
  @TextField('回头看情况', 2000)
  finding!: string;
}

export class OutcomeDto {
  @TextField('制度成果名称', 200)
  title!: string;
}
