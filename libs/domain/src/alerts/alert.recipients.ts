import { Actor } from '../shared/actor';
import { AlertData } from './alert.events';

interface Concerned {
  responsibleLeaderId: string;
  departmentId: string;
}

/**
 * Who an alert goes to: the recipients its step of the ladder names — the responsible
 * department's head, the responsible leader, the secretary, the discipline inspectors.
 */
export function alertConcerns(
  actor: Actor,
  measure: Concerned,
  alert: Pick<AlertData, 'recipients'>,
): boolean {
  const to = alert.recipients;
  switch (actor.role) {
    case 'department_head':
      return to.includes('department_head') && actor.departmentId === measure.departmentId;
    case 'leader':
      return (
        (to.includes('responsible_leader') && actor.userId === measure.responsibleLeaderId) ||
        (to.includes('secretary') && actor.secretary)
      );
    case 'inspector':
      return to.includes('inspectors');
    default:
      return false;
  }
}
