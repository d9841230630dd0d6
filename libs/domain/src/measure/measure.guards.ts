import { CommandContext } from '../shared/command-context';
import { DomainError, forbidden, invalid, notFound, refused } from '../shared/domain-error';
import { requireDecidingLeader, requireOwningDepartmentHead } from './measure.policy';
import {
  AssignedMeasure,
  AttachmentFacts,
  attachmentsOf,
  MeasureState,
  MeasureStatus,
  PendingExtension,
} from './measure.state';

/**
 * What each measure command requires of the actor and of the measure before its input is looked
 * at. The decider runs these first; allowedMeasureActions runs the same functions, so what the page
 * offers and what the server accepts cannot drift apart. Each throws the DomainError the command
 * would get, and returns what the command goes on with.
 */

export const STATUS_ZH: Record<MeasureStatus, string> = {
  assigned: '已交办',
  in_progress: '整改中',
  submitted: '已提交完成、待销号审核',
  signed_off: '已销号',
  cancelled: '已撤销',
};

export function existing(state: MeasureState): AssignedMeasure {
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

function requireSubmitted(measure: AssignedMeasure, action: { zh: string; en: string }) {
  if (measure.status !== 'submitted') {
    throw refused(
      'measure.not_submitted',
      `该措施${STATUS_ZH[measure.status]}，尚未提交完成，不能${action.zh}`,
      `The measure is ${measure.status}, not submitted; cannot ${action.en}`,
    );
  }
}

export function guardReportProgress(state: MeasureState, { actor }: CommandContext): AssignedMeasure {
  const measure = existing(state);
  requireOwningDepartmentHead(actor, measure);
  requireUnderWay(measure, { zh: '报告进展', en: 'report progress' });
  return measure;
}

/** Only a measure with a deadline and no request awaiting a decision can be asked to move. */
export function guardRequestExtension(
  state: MeasureState,
  { actor }: CommandContext,
): AssignedMeasure & { dueDate: string } {
  const measure = existing(state);
  requireOwningDepartmentHead(actor, measure);
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
  return { ...measure, dueDate: measure.dueDate };
}

/** Either decision needs the deciding leader and that very request still awaiting a decision. */
function guardDecideExtension(
  state: MeasureState,
  { actor }: CommandContext,
  requestId: string,
): { measure: AssignedMeasure; request: PendingExtension } {
  const measure = existing(state);
  requireDecidingLeader(actor, measure);
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
  return { measure, request: measure.pendingExtension };
}

/** Approving a date that has already passed would grant an overdue deadline. */
export function guardApproveExtension(state: MeasureState, context: CommandContext, requestId: string) {
  const decision = guardDecideExtension(state, context, requestId);
  if (decision.request.newDueDate < context.today) {
    throw refused(
      'extension.expired',
      `申请延期至的日期（${decision.request.newDueDate}）已过，请驳回后由部门重新申请`,
      `The requested date (${decision.request.newDueDate}) has passed; reject it and let the department request again`,
    );
  }
  return decision;
}

/** A request whose date has passed can still be rejected. */
export function guardRejectExtension(state: MeasureState, context: CommandContext, requestId: string) {
  return guardDecideExtension(state, context, requestId);
}

export function guardSubmitCompletion(state: MeasureState, { actor }: CommandContext): AssignedMeasure {
  const measure = existing(state);
  requireOwningDepartmentHead(actor, measure);
  requireUnderWay(measure, { zh: '提交完成', en: 'submit completion' });
  if (measure.pendingExtension) {
    throw refused(
      'extension.pending_on_submit',
      '有待审批的延期申请，请待审批后再提交完成',
      'An extension request awaits a decision; submit completion after it is decided',
    );
  }
  return measure;
}

export function guardSignOff(state: MeasureState, { actor }: CommandContext): AssignedMeasure {
  const measure = existing(state);
  requireDecidingLeader(actor, measure);
  requireSubmitted(measure, { zh: '销号', en: 'sign off' });
  return measure;
}

export function guardReturn(state: MeasureState, { actor }: CommandContext): AssignedMeasure {
  const measure = existing(state);
  requireDecidingLeader(actor, measure);
  requireSubmitted(measure, { zh: '退回', en: 'return it' });
  return measure;
}

export function guardReopen(state: MeasureState, { actor }: CommandContext): AssignedMeasure {
  const measure = existing(state);
  requireDecidingLeader(actor, measure);
  if (measure.status !== 'signed_off') {
    throw refused(
      'measure.not_signed_off',
      `该措施${STATUS_ZH[measure.status]}，只有已销号的措施才能在回头看中重新打开`,
      `The measure is ${measure.status}; only a signed-off measure can be reopened`,
    );
  }
  return measure;
}

export function guardCancel(state: MeasureState, { actor }: CommandContext): AssignedMeasure {
  const measure = existing(state);
  requireDecidingLeader(actor, measure);
  if (measure.status === 'signed_off' || measure.status === 'cancelled') {
    throw refused(
      'measure.cannot_cancel',
      `该措施${STATUS_ZH[measure.status]}，不能撤销`,
      `The measure is ${measure.status}; it cannot be cancelled`,
    );
  }
  return measure;
}

/** 建章立制 outcomes may be recorded by the department or the deciding leader, even after sign-off. */
export function guardRecordOutcome(state: MeasureState, { actor }: CommandContext): AssignedMeasure {
  const measure = existing(state);
  // Each is told the rule that applies to them: a department head, that it is another department's measure.
  if (actor.role === 'department_head') requireOwningDepartmentHead(actor, measure);
  else requireDecidingLeader(actor, measure);
  if (measure.status === 'cancelled') {
    throw refused(
      'measure.cancelled',
      '该措施已撤销，不能登记制度成果',
      'The measure is cancelled; no outcome can be recorded',
    );
  }
  return measure;
}

/**
 * 佐证材料 are attached by the measure's own department while the work is under way: exactly the
 * authority of a progress report, so `reportProgress` in allowedActions also says a file may be attached.
 */
export function guardAttachEvidence(state: MeasureState, { actor }: CommandContext): AssignedMeasure {
  const measure = existing(state);
  requireOwningDepartmentHead(actor, measure);
  requireUnderWay(measure, { zh: '上传佐证材料', en: 'attach evidence' });
  return measure;
}

/** Withdrawing is the department's too, while the work is under way (not while a submission citing it awaits sign-off). */
export function guardWithdrawEvidence(
  state: MeasureState,
  context: CommandContext,
  attachmentId: string,
): { measure: AssignedMeasure; attachment: AttachmentFacts } {
  const measure = existing(state);
  requireOwningDepartmentHead(context.actor, measure);
  const attachment = attachmentsOf(measure).find((a) => a.attachmentId === attachmentId);
  if (!attachment)
    throw notFound('attachment.not_found', '佐证材料不存在', 'Attachment not found on this measure');
  requireUnderWay(measure, { zh: '撤回佐证材料', en: 'withdraw evidence' });
  if (attachment.withdrawn) {
    throw refused('attachment.withdrawn', '该佐证材料已撤回', 'The attachment is already withdrawn');
  }
  return { measure, attachment };
}

/**
 * The files a progress report or a submission cites: each an attachment of this very measure and
 * not withdrawn; anything else is refused (422) naming it, in the field attachmentIds.
 */
export function checkCitedAttachments(measure: AssignedMeasure, attachmentIds: readonly string[]): void {
  if (new Set(attachmentIds).size !== attachmentIds.length) {
    throw invalid(
      'attachmentIds',
      'attachment.cited_twice',
      '同一佐证材料不能重复引用',
      'attachmentIds lists an attachment twice',
    );
  }
  const attachments = attachmentsOf(measure);
  for (const id of attachmentIds) {
    const attachment = attachments.find((a) => a.attachmentId === id);
    if (!attachment) {
      throw new DomainError(
        'rule',
        'attachment.not_of_measure',
        {
          zh: `佐证材料 ${id} 不是本措施的佐证材料`,
          en: `Attachment ${id} is not an attachment of this measure`,
        },
        'attachmentIds',
      );
    }
    if (attachment.withdrawn) {
      throw new DomainError(
        'rule',
        'attachment.withdrawn',
        {
          zh: `佐证材料“${attachment.fileName}”（${id}）已撤回，不能引用`,
          en: `Attachment ${id} (${attachment.fileName}) is withdrawn and cannot be cited`,
        },
        'attachmentIds',
      );
    }
  }
}

/** 催办: by the responsible leader or the secretary, while the work is under way (a submission awaits sign-off too). */
export function guardUrge(state: MeasureState, { actor }: CommandContext): AssignedMeasure {
  const measure = existing(state);
  if (actor.role !== 'leader' || !(actor.secretary || actor.userId === measure.responsibleLeaderId)) {
    throw forbidden(
      'measure.urge_forbidden',
      '只有该措施的责任领导或党组书记可以催办',
      "Only the measure's responsible leader or the Party-group secretary may urge it",
    );
  }
  if (measure.status === 'signed_off' || measure.status === 'cancelled') {
    throw refused(
      'measure.not_under_way',
      `该措施${STATUS_ZH[measure.status]}，无需催办`,
      `The measure is ${measure.status}; there is nothing to urge`,
    );
  }
  return measure;
}
