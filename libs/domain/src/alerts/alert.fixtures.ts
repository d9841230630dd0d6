import { defaultLadder } from './ladder';
import { SYSTEM_ACTOR } from '../shared/actor';
import { assignedMeasure, HEAD, INSPECTOR, OTHER_HEAD, ZHANG } from '../testing/measure.fixtures';
import { CalendarDate } from '../shared/calendar-date';
import { ExtensionApproved, MeasureAssigned } from '../measure/measure.events';
import { AlertSettings } from './alert.plan';

/** Shared by the alert specs: one measure due 2025-06-30, midnight taken as UTC for readability. */
export const DUE: CalendarDate = '2025-06-30';
export { HEAD, INSPECTOR, OTHER_HEAD, ZHANG };
export const SYSTEM = SYSTEM_ACTOR;

export const settings: AlertSettings = {
  ladder: defaultLadder(3, 7),
  startOfDay: (date) => new Date(`${date}T00:00:00Z`),
};

/** The shared measure, due on DUE. */
export const assigned = (overrides: Partial<MeasureAssigned['data']> = {}): MeasureAssigned =>
  assignedMeasure({ dueDate: DUE, ...overrides });

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
