import { defaultLadder } from './ladder';
import { Actor, SYSTEM_ACTOR } from '../shared/actor';
import { CalendarDate } from '../shared/calendar-date';
import { ExtensionApproved, MeasureAssigned } from '../measure/measure.events';
import { AlertSettings } from './alert.plan';

/** Shared by the alert specs: one measure due 2025-06-30, midnight taken as UTC for readability. */
export const DUE: CalendarDate = '2025-06-30';
export const ZHANG: Actor = { userId: 'u-zhang', role: 'leader', departmentId: null, secretary: false };
export const HEAD: Actor = {
  userId: 'u-head',
  role: 'department_head',
  departmentId: 'd-criminal',
  secretary: false,
};
export const OTHER_HEAD: Actor = {
  userId: 'u-other',
  role: 'department_head',
  departmentId: 'd-civil',
  secretary: false,
};
export const INSPECTOR: Actor = { userId: 'u-insp', role: 'inspector', departmentId: null, secretary: false };
export const SYSTEM = SYSTEM_ACTOR;

export const settings: AlertSettings = {
  ladder: defaultLadder(3, 7),
  startOfDay: (date) => new Date(`${date}T00:00:00Z`),
};

export function assigned(overrides: Partial<MeasureAssigned['data']> = {}): MeasureAssigned {
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
      dueDate: DUE,
      reportEveryDays: null,
      milestones: [],
      deadlineVersion: 1,
      assignedOn: '2025-04-15',
      ...overrides,
    },
  };
}

/** The deadline moved to 2025-08-31: deadline version 2. */
export const extensionApproved: ExtensionApproved = {
  type: 'ExtensionApproved',
  data: {
    measureId: 'm-1',
    requestId: 'r-1',
    previousDueDate: DUE,
    newDueDate: '2025-08-31',
    deadlineVersion: 2,
    opinion: null,
  },
};
