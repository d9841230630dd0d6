import { Actor } from '../shared/actor';
import { forbidden } from '../shared/domain-error';
import { MeasureFacts } from './measure.state';

/** A department head acts only on their own department's measures. */
export function isOwningDepartmentHead(actor: Actor, measure: Pick<MeasureFacts, 'departmentId'>): boolean {
  return actor.role === 'department_head' && actor.departmentId === measure.departmentId;
}

/** A leader decides where they are the responsible leader (责任领导); the secretary (党组书记) everywhere. */
export function isDecidingLeader(actor: Actor, measure: Pick<MeasureFacts, 'responsibleLeaderId'>): boolean {
  return actor.role === 'leader' && (actor.secretary || actor.userId === measure.responsibleLeaderId);
}

export function requireOwningDepartmentHead(actor: Actor, measure: MeasureFacts): void {
  if (!isOwningDepartmentHead(actor, measure)) {
    throw forbidden(
      'measure.department_only',
      '只有责任部门负责人可以办理本部门的整改措施',
      "Only the head of the measure's responsible department may do this",
    );
  }
}

export function requireDecidingLeader(actor: Actor, measure: MeasureFacts): void {
  if (!isDecidingLeader(actor, measure)) {
    throw forbidden(
      'measure.leader_only',
      '只有该措施的责任领导或党组书记可以作出此决定',
      "Only the measure's responsible leader or the Party-group secretary may decide this",
    );
  }
}
