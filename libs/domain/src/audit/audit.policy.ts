import { Actor } from '../shared/actor';
import { forbidden } from '../shared/domain-error';

/** Anchors are taken on schedule (the system) and on demand by discipline inspectors (纪检监察). */
export function mayRecordAnchor(actor: Pick<Actor, 'role'>): boolean {
  return actor.role === 'system' || actor.role === 'inspector';
}

export const anchorForbidden = () =>
  forbidden(
    'audit.anchor_forbidden',
    '审计锚点由纪检监察人员生成',
    'Only discipline inspectors record audit anchors',
  );
