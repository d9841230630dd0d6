import { assertNever, Decider } from '../shared/decider';
import { conflict, forbidden, invalid, notFound, refused } from '../shared/domain-error';
import {
  ApproveExtension,
  AssignMeasure,
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
} from './measure.commands';
import { MEASURE_EVENT_TYPES, MeasureEvent } from './measure.events';
import { requireDecidingLeader, requireOwningDepartmentHead } from './measure.policy';
import {
  AssignedMeasure,
  evolveMeasure,
  initialMeasureState,
  MeasureState,
  MeasureStatus,
} from './measure.state';

const STATUS_ZH: Record<MeasureStatus, string> = {
  assigned: '已交办',
  in_progress: '整改中',
  submitted: '已提交完成、待销号审核',
  signed_off: '已销号',
  cancelled: '已撤销',
};

function existing(state: MeasureState): AssignedMeasure {
  if (state.status === 'unassigned')
    throw notFound('measure.not_found', '整改措施不存在', 'Measure not found');
  return state;
}

/** Progress, extension requests and submission happen only while the work is under way. */
function requireUnderWay(measure: AssignedMeasure, action: { zh: string; en: string }) {
  if (measure.status !== 'assigned' && measure.status !== 'in_progress') {
    throw refused(
      'measure.not_under_way',
      `该措施${STATUS_ZH[measure.status]}，不能${action.zh}`,
      `The measure is ${measure.status}; cannot ${action.en}`,
    );
  }
}

function assign(command: AssignMeasure, state: MeasureState): MeasureEvent[] {
  const { actor } = command.context;
  const d = command.data;
  if (actor.role !== 'leader') {
    throw forbidden(
      'measure.add_forbidden',
      '只有党组成员可以制定整改措施',
      'Only Party-group leaders may add measures',
    );
  }
  if (state.status !== 'unassigned')
    throw conflict('measure.exists', '该整改措施已存在', 'The measure already exists');
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
  return [{ type: 'MeasureAssigned', data: { ...d, deadlineVersion: 1, assignedOn: command.context.today } }];
}

function reportProgress(command: ReportProgress, state: MeasureState): MeasureEvent[] {
  const measure = existing(state);
  requireOwningDepartmentHead(command.context.actor, measure);
  requireUnderWay(measure, { zh: '报告进展', en: 'report progress' });
  return [
    {
      type: 'ProgressReported',
      data: { measureId: measure.measureId, ...command.data, reportedOn: command.context.today },
    },
  ];
}

function requestExtension(command: RequestExtension, state: MeasureState): MeasureEvent[] {
  const measure = existing(state);
  requireOwningDepartmentHead(command.context.actor, measure);
  requireUnderWay(measure, { zh: '申请延期', en: 'request an extension' });
  if (measure.dueDate === null) {
    throw refused(
      'extension.no_deadline',
      '长期坚持类措施没有完成时限，无需延期',
      'A long_term measure has no deadline to extend',
    );
  }
  if (measure.pendingExtension) {
    throw refused(
      'extension.pending',
      '已有待审批的延期申请，请等待审批结果',
      'An extension request is already awaiting a decision',
    );
  }
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

function pendingRequest(measure: AssignedMeasure, requestId: string, today: string) {
  if (!measure.extensionRequestIds.includes(requestId)) {
    throw notFound('extension.not_found', '延期申请不存在', 'Extension request not found');
  }
  if (measure.status === 'cancelled' || measure.status === 'signed_off') {
    throw refused(
      'measure.not_under_way',
      `该措施${STATUS_ZH[measure.status]}，延期申请已失效`,
      `The measure is ${measure.status}; the request no longer applies`,
    );
  }
  if (measure.pendingExtension?.requestId !== requestId) {
    throw refused(
      'extension.already_decided',
      '该延期申请已经审批过',
      'The extension request has already been decided',
    );
  }
  if (measure.pendingExtension.newDueDate < today) {
    throw refused(
      'extension.expired',
      `申请延期至的日期（${measure.pendingExtension.newDueDate}）已过，请驳回后由部门重新申请`,
      `The requested date (${measure.pendingExtension.newDueDate}) has passed; reject it and let the department request again`,
    );
  }
  return measure.pendingExtension;
}

function approveExtension(command: ApproveExtension, state: MeasureState): MeasureEvent[] {
  const measure = existing(state);
  requireDecidingLeader(command.context.actor, measure);
  const request = pendingRequest(measure, command.data.requestId, command.context.today);
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
  const measure = existing(state);
  requireDecidingLeader(command.context.actor, measure);
  // A request whose date has passed can still be rejected.
  const request = pendingRequest(measure, command.data.requestId, '0000-00-00');
  return [
    {
      type: 'ExtensionRejected',
      data: { measureId: measure.measureId, requestId: request.requestId, reason: command.data.reason },
    },
  ];
}

function submitCompletion(command: SubmitCompletion, state: MeasureState): MeasureEvent[] {
  const measure = existing(state);
  requireOwningDepartmentHead(command.context.actor, measure);
  requireUnderWay(measure, { zh: '提交完成', en: 'submit completion' });
  if (measure.pendingExtension) {
    throw refused(
      'extension.pending_on_submit',
      '有待审批的延期申请，请待审批后再提交完成',
      'An extension request awaits a decision; submit completion after it is decided',
    );
  }
  return [{ type: 'CompletionSubmitted', data: { measureId: measure.measureId, ...command.data } }];
}

function requireSubmitted(measure: AssignedMeasure, action: { zh: string; en: string }) {
  if (measure.status !== 'submitted') {
    throw refused(
      'measure.not_submitted',
      `该措施${STATUS_ZH[measure.status]}，尚未提交完成，不能${action.zh}`,
      `The measure is ${measure.status}, not submitted; cannot ${action.en}`,
    );
  }
}

function signOff(command: SignOff, state: MeasureState): MeasureEvent[] {
  const measure = existing(state);
  requireDecidingLeader(command.context.actor, measure);
  requireSubmitted(measure, { zh: '销号', en: 'sign off' });
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
  const measure = existing(state);
  requireDecidingLeader(command.context.actor, measure);
  requireSubmitted(measure, { zh: '退回', en: 'return it' });
  return [{ type: 'MeasureReturned', data: { measureId: measure.measureId, reason: command.data.reason } }];
}

function reopen(command: ReopenMeasure, state: MeasureState): MeasureEvent[] {
  const measure = existing(state);
  requireDecidingLeader(command.context.actor, measure);
  if (measure.status !== 'signed_off') {
    throw refused(
      'measure.not_signed_off',
      `该措施${STATUS_ZH[measure.status]}，只有已销号的措施才能在回头看中重新打开`,
      `The measure is ${measure.status}; only a signed-off measure can be reopened`,
    );
  }
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
  const measure = existing(state);
  requireDecidingLeader(command.context.actor, measure);
  if (measure.status === 'signed_off' || measure.status === 'cancelled') {
    throw refused(
      'measure.cannot_cancel',
      `该措施${STATUS_ZH[measure.status]}，不能撤销`,
      `The measure is ${measure.status}; it cannot be cancelled`,
    );
  }
  return [{ type: 'MeasureCancelled', data: { measureId: measure.measureId, reason: command.data.reason } }];
}

function recordOutcome(command: RecordOutcome, state: MeasureState): MeasureEvent[] {
  const measure = existing(state);
  const { actor } = command.context;
  try {
    requireOwningDepartmentHead(actor, measure);
  } catch {
    requireDecidingLeader(actor, measure);
  }
  if (measure.status === 'cancelled') {
    throw refused(
      'measure.cancelled',
      '该措施已撤销，不能登记制度成果',
      'The measure is cancelled; no outcome can be recorded',
    );
  }
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
      default:
        return assertNever(command);
    }
  },
};
