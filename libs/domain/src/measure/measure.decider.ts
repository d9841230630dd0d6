import { assertNever, Decider } from '../shared/decider';
import { conflict, forbidden, invalid, refused } from '../shared/domain-error';
import {
  ApproveExtension,
  AssignMeasure,
  AttachEvidence,
  CancelMeasure,
  MeasureCommand,
  RecordOutcome,
  RejectExtension,
  ReopenMeasure,
  ReportProgress,
  RequestExtension,
  ReturnMeasure,
  SignOff,
  SubmitCompletion,
  UrgeMeasure,
  WithdrawEvidence,
} from './measure.commands';
import { MEASURE_EVENT_TYPES, MeasureEvent } from './measure.events';
import { confirmLookBack } from '../lookback/look-back.decider';
import {
  checkCitedAttachments,
  guardApproveExtension,
  guardAttachEvidence,
  guardCancel,
  guardRecordOutcome,
  guardRejectExtension,
  guardReopen,
  guardReportProgress,
  guardRequestExtension,
  guardReturn,
  guardSignOff,
  guardSubmitCompletion,
  guardUrge,
  guardWithdrawEvidence,
} from './measure.guards';
import { attachmentsOf, evolveMeasure, initialMeasureState, MeasureState, urgingsOf } from './measure.state';

/**
 * The rules of 五定 that need no measure state: who may assign, kind against deadline and
 * reporting period, milestones, and the leader and department named. Checked before a number is
 * reserved in the campaign for the measure, and again by `decide`.
 */
export function checkAssignment(
  command: Pick<AssignMeasure, 'context' | 'references'> & {
    data: Omit<AssignMeasure['data'], 'number'>;
  },
): void {
  const { actor } = command.context;
  const d = command.data;
  if (actor.role !== 'leader') {
    throw forbidden(
      'measure.add_forbidden',
      '只有党组成员可以制定整改措施',
      'Only Party-group leaders may add measures',
    );
  }
  if (d.kind === 'long_term') {
    if (d.reportEveryDays === null) {
      throw invalid(
        'reportEveryDays',
        'measure.report_period_required',
        '长期坚持类措施须填写报告周期（天）',
        'reportEveryDays is required for a long_term measure',
      );
    }
    if (d.dueDate !== null) {
      throw invalid(
        'dueDate',
        'measure.long_term_no_due_date',
        '长期坚持类措施不设完成时限，请填写报告周期',
        'A long_term measure has no dueDate; give reportEveryDays',
      );
    }
  } else {
    if (d.dueDate === null) {
      throw invalid(
        'dueDate',
        'measure.due_date_required',
        '立行立改和限期整改类措施须填写完成时限',
        'dueDate is required unless the kind is long_term',
      );
    }
    if (d.reportEveryDays !== null) {
      throw invalid(
        'reportEveryDays',
        'measure.report_period_long_term_only',
        '只有长期坚持类措施设报告周期',
        'reportEveryDays applies only to long_term measures',
      );
    }
  }
  const lateMilestone = d.milestones.find((m) => d.dueDate !== null && m.dueDate > d.dueDate);
  if (lateMilestone) {
    throw invalid(
      'milestones',
      'milestone.after_due_date',
      `节点“${lateMilestone.title}”晚于完成时限`,
      `Milestone "${lateMilestone.title}" is due after the measure's dueDate`,
    );
  }
  if (!command.references.isLeader(d.responsibleLeaderId)) {
    throw invalid(
      'responsibleLeaderId',
      'measure.leader_unknown',
      '责任领导须为党组成员账号',
      'responsibleLeaderId must be a user with the leader role',
    );
  }
  if (!command.references.departmentExists(d.departmentId)) {
    throw invalid('departmentId', 'department.unknown', '责任部门不存在', 'Unknown department');
  }
  if (command.references.departmentRetired(d.departmentId)) {
    throw invalid(
      'departmentId',
      'department.retired',
      '该部门已撤销，不能再承担新的整改任务',
      'The department is retired and takes no new work',
    );
  }
}

function assign(command: AssignMeasure, state: MeasureState): MeasureEvent[] {
  checkAssignment(command);
  if (state.status !== 'unassigned')
    throw conflict('measure.exists', '该整改措施已存在', 'The measure already exists');
  return [
    {
      type: 'MeasureAssigned',
      data: { ...command.data, deadlineVersion: 1, assignedOn: command.context.today },
    },
  ];
}

function reportProgress(command: ReportProgress, state: MeasureState): MeasureEvent[] {
  const measure = guardReportProgress(state, command.context);
  const { attachmentIds = [], ...data } = command.data;
  checkCitedAttachments(measure, attachmentIds);
  return [
    {
      type: 'ProgressReported',
      data: {
        measureId: measure.measureId,
        ...data,
        reportedOn: command.context.today,
        ...(attachmentIds.length > 0 ? { attachmentIds } : {}),
      },
    },
  ];
}

function requestExtension(command: RequestExtension, state: MeasureState): MeasureEvent[] {
  const measure = guardRequestExtension(state, command.context);
  if (measure.extensionRequestIds.includes(command.data.requestId)) {
    throw conflict('extension.exists', '该延期申请已存在', 'The extension request already exists');
  }
  const { newDueDate } = command.data;
  if (newDueDate <= measure.dueDate) {
    throw invalid(
      'newDueDate',
      'extension.not_later',
      `延期后的时限须晚于当前时限（${measure.dueDate}）`,
      `newDueDate must be after the current dueDate (${measure.dueDate})`,
    );
  }
  if (newDueDate < command.context.today) {
    throw invalid(
      'newDueDate',
      'extension.in_past',
      '延期后的时限不能早于今天',
      'newDueDate must not be in the past',
    );
  }
  return [
    {
      type: 'ExtensionRequested',
      data: {
        measureId: measure.measureId,
        requestId: command.data.requestId,
        currentDueDate: measure.dueDate,
        newDueDate,
        reason: command.data.reason,
      },
    },
  ];
}

function approveExtension(command: ApproveExtension, state: MeasureState): MeasureEvent[] {
  const { measure, request } = guardApproveExtension(state, command.context, command.data.requestId);
  return [
    {
      type: 'ExtensionApproved',
      data: {
        measureId: measure.measureId,
        requestId: request.requestId,
        previousDueDate: measure.dueDate as string,
        newDueDate: request.newDueDate,
        deadlineVersion: measure.deadlineVersion + 1,
        opinion: command.data.opinion,
      },
    },
  ];
}

function rejectExtension(command: RejectExtension, state: MeasureState): MeasureEvent[] {
  const { measure, request } = guardRejectExtension(state, command.context, command.data.requestId);
  return [
    {
      type: 'ExtensionRejected',
      data: { measureId: measure.measureId, requestId: request.requestId, reason: command.data.reason },
    },
  ];
}

function submitCompletion(command: SubmitCompletion, state: MeasureState): MeasureEvent[] {
  const measure = guardSubmitCompletion(state, command.context);
  const { attachmentIds = [], ...data } = command.data;
  checkCitedAttachments(measure, attachmentIds);
  return [
    {
      type: 'CompletionSubmitted',
      data: {
        measureId: measure.measureId,
        ...data,
        ...(attachmentIds.length > 0 ? { attachmentIds } : {}),
      },
    },
  ];
}

function signOff(command: SignOff, state: MeasureState): MeasureEvent[] {
  const measure = guardSignOff(state, command.context);
  const { today } = command.context;
  return [
    {
      type: 'MeasureSignedOff',
      data: {
        measureId: measure.measureId,
        opinion: command.data.opinion,
        signedOffOn: today,
        onTime: measure.originalDueDate === null ? null : today <= measure.originalDueDate,
      },
    },
  ];
}

function returnMeasure(command: ReturnMeasure, state: MeasureState): MeasureEvent[] {
  const measure = guardReturn(state, command.context);
  return [{ type: 'MeasureReturned', data: { measureId: measure.measureId, reason: command.data.reason } }];
}

function reopen(command: ReopenMeasure, state: MeasureState): MeasureEvent[] {
  const measure = guardReopen(state, command.context);
  const { newDueDate } = command.data;
  if (newDueDate !== null) {
    if (measure.kind === 'long_term') {
      throw invalid(
        'newDueDate',
        'measure.long_term_no_due_date',
        '长期坚持类措施不设完成时限',
        'A long_term measure has no dueDate',
      );
    }
    if (newDueDate < command.context.today) {
      throw invalid(
        'newDueDate',
        'measure.due_in_past',
        '新的完成时限不能早于今天',
        'newDueDate must not be in the past',
      );
    }
  }
  return [
    {
      type: 'MeasureReopened',
      data: {
        measureId: measure.measureId,
        reason: command.data.reason,
        newDueDate,
        deadlineVersion: measure.deadlineVersion + 1,
      },
    },
  ];
}

function cancel(command: CancelMeasure, state: MeasureState): MeasureEvent[] {
  const measure = guardCancel(state, command.context);
  return [{ type: 'MeasureCancelled', data: { measureId: measure.measureId, reason: command.data.reason } }];
}

function recordOutcome(command: RecordOutcome, state: MeasureState): MeasureEvent[] {
  const measure = guardRecordOutcome(state, command.context);
  const title = command.data.title.trim();
  if (title === '')
    throw invalid('title', 'outcome.title_blank', '制度成果名称不能为空', 'title must not be blank');
  if (measure.outcomes.some((o) => o.outcomeId === command.data.outcomeId)) {
    throw conflict('outcome.exists', '该制度成果已登记', 'The outcome already exists');
  }
  if (measure.outcomes.some((o) => o.title === title)) {
    throw refused(
      'outcome.duplicate',
      `制度成果“${title}”已登记`,
      `The outcome "${title}" is already recorded`,
    );
  }
  return [
    {
      type: 'OutcomeRecorded',
      data: { measureId: measure.measureId, outcomeId: command.data.outcomeId, title },
    },
  ];
}

const SHA256 = /^[0-9a-f]{64}$/;

function attachEvidence(command: AttachEvidence, state: MeasureState): MeasureEvent[] {
  const measure = guardAttachEvidence(state, command.context);
  const d = command.data;
  const fileName = d.fileName.trim();
  if (fileName === '')
    throw invalid('file', 'attachment.file_name_blank', '文件名不能为空', 'The file has no name');
  if (!SHA256.test(d.sha256) || !Number.isSafeInteger(d.size) || d.size < 0) {
    throw invalid('file', 'attachment.content', '文件内容无效', 'The file content is not valid');
  }
  if (attachmentsOf(measure).some((a) => a.attachmentId === d.attachmentId)) {
    throw conflict('attachment.exists', '该佐证材料已存在', 'The attachment already exists');
  }
  return [{ type: 'EvidenceAttached', data: { measureId: measure.measureId, ...d, fileName } }];
}

function withdrawEvidence(command: WithdrawEvidence, state: MeasureState): MeasureEvent[] {
  const { measure, attachment } = guardWithdrawEvidence(state, command.context, command.data.attachmentId);
  const reason = command.data.reason.trim();
  if (reason === '')
    throw invalid('reason', 'attachment.reason_blank', '撤回理由不能为空', 'reason must not be blank');
  return [
    {
      type: 'EvidenceWithdrawn',
      data: { measureId: measure.measureId, attachmentId: attachment.attachmentId, reason },
    },
  ];
}

/** Longest urging message: a few sentences, as a leader's 批示 is. */
const URGE_MESSAGE_MAX = 500;

function urge(command: UrgeMeasure, state: MeasureState): MeasureEvent[] {
  const measure = guardUrge(state, command.context);
  const message = command.data.message.trim();
  if (message === '')
    throw invalid('message', 'urge.message_blank', '催办内容不能为空', 'message must not be blank');
  if (message.length > URGE_MESSAGE_MAX) {
    throw invalid(
      'message',
      'urge.message_too_long',
      `催办内容不能超过 ${URGE_MESSAGE_MAX} 字`,
      `message must be at most ${URGE_MESSAGE_MAX} characters`,
    );
  }
  if (urgingsOf(measure).some((u) => u.urgeId === command.data.urgeId)) {
    throw conflict('urge.exists', '该催办已记录', 'The urging is already recorded');
  }
  return [
    {
      type: 'MeasureUrged',
      data: {
        measureId: measure.measureId,
        urgeId: command.data.urgeId,
        message,
        urgedBy: command.context.actor.userId,
        urgedOn: command.context.today,
      },
    },
  ];
}

export const measureDecider: Decider<MeasureCommand, MeasureEvent, MeasureState> = {
  eventTypes: MEASURE_EVENT_TYPES,
  initialState: initialMeasureState,
  evolve: evolveMeasure,
  decide(command, state) {
    switch (command.type) {
      case 'AssignMeasure':
        return assign(command, state);
      case 'ReportProgress':
        return reportProgress(command, state);
      case 'RequestExtension':
        return requestExtension(command, state);
      case 'ApproveExtension':
        return approveExtension(command, state);
      case 'RejectExtension':
        return rejectExtension(command, state);
      case 'SubmitCompletion':
        return submitCompletion(command, state);
      case 'SignOff':
        return signOff(command, state);
      case 'ReturnMeasure':
        return returnMeasure(command, state);
      case 'ReopenMeasure':
        return reopen(command, state);
      case 'CancelMeasure':
        return cancel(command, state);
      case 'RecordOutcome':
        return recordOutcome(command, state);
      case 'AttachEvidence':
        return attachEvidence(command, state);
      case 'WithdrawEvidence':
        return withdrawEvidence(command, state);
      case 'UrgeMeasure':
        return urge(command, state);
      case 'ConfirmLookBack':
        return confirmLookBack(command, state);
      default:
        return assertNever(command);
    }
  },
};
