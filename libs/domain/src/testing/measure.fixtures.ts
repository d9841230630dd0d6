import { MeasureAssigned } from '../measure/measure.events';
import { Actor } from '../shared/actor';

// The people and the measure the measure, alert, evidence, urging and look-back specs share.

/** 责任领导 of the measure. */
export const ZHANG: Actor = { userId: 'u-zhang', role: 'leader', departmentId: null, secretary: false };
/** A Party-group member who does not lead this measure. */
export const LI: Actor = { userId: 'u-li', role: 'leader', departmentId: null, secretary: false };
export const SECRETARY: Actor = {
  userId: 'u-secretary',
  role: 'leader',
  departmentId: null,
  secretary: true,
};
/** Head of the department the measure is assigned to. */
export const HEAD: Actor = {
  userId: 'u-wang',
  role: 'department_head',
  departmentId: 'd-criminal',
  secretary: false,
};
export const OTHER_HEAD: Actor = {
  userId: 'u-zhao',
  role: 'department_head',
  departmentId: 'd-civil',
  secretary: false,
};
export const INSPECTOR: Actor = {
  userId: 'u-inspector',
  role: 'inspector',
  departmentId: null,
  secretary: false,
};
export const ADMIN: Actor = { userId: 'u-admin', role: 'admin', departmentId: null, secretary: false };

/** Measure m-1 of problem p-1, assigned to 刑庭 under 张 on 2025-04-15, due 2025-06-30 unless told. */
export function assignedMeasure(overrides: Partial<MeasureAssigned['data']> = {}): MeasureAssigned {
  return {
    type: 'MeasureAssigned',
    data: {
      measureId: 'm-1',
      campaignId: 'c-1',
      problemId: 'p-1',
      number: '1.1',
      content: '建立案件质效周通报制度',
      target: null,
      kind: 'deadline',
      responsibleLeaderId: ZHANG.userId,
      departmentId: 'd-criminal',
      responsiblePerson: '王庭长',
      dueDate: '2025-06-30',
      reportEveryDays: null,
      milestones: [],
      deadlineVersion: 1,
      assignedOn: '2025-04-15',
      ...overrides,
    },
  };
}
