import { Actor } from '../shared/actor';
import { AlertLevel } from './alert.events';

interface Concerned {
  responsibleLeaderId: string;
  departmentId: string;
}

/**
 * Who an alert goes to: the department head of the responsible department, the responsible
 * leader (and the secretary), and for 督办 escalations the discipline inspectors as well.
 */
export function alertConcerns(actor: Actor, measure: Concerned, level: AlertLevel): boolean {
  switch (actor.role) {
    case 'department_head':
      return actor.departmentId === measure.departmentId;
    case 'leader':
      return actor.secretary || actor.userId === measure.responsibleLeaderId;
    case 'inspector':
      return level === 'escalated';
    default:
      return false;
  }
}
