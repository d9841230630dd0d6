export const ROLES = ['leader', 'department_head', 'inspector', 'admin'] as const;
/** leader 党组书记/党组成员; department_head 庭/局/室负责人; inspector 纪检监察; admin 系统管理员 */
export type Role = (typeof ROLES)[number];

/** The person a command acts for. `system` is the tracker itself (bootstrap, alerts). */
export interface Actor {
  userId: string;
  role: Role | 'system';
  departmentId: string | null;
  /** 党组书记: decides for every measure, not only those they lead. */
  secretary: boolean;
}

export const SYSTEM_ACTOR: Actor = { userId: 'system', role: 'system', departmentId: null, secretary: false };
