import { addDays, CalendarDate, daysBetween } from '../shared/calendar-date';
import { ALERT_LEVELS, AlertLevel } from './alert.events';

/**
 * The supervision ladder (督办阶梯): the steps a measure's deadline climbs as it nears and passes —
 * a reminder (提醒), due soon (临期), overdue (逾期督办), escalated (升级督办), or a court's own
 * (告诫书, 问责建议…). Each step reached is recorded once in the measure's stream, goes to its
 * recipients' inboxes and may issue a numbered 督办单.
 */
export interface SupervisionLadder {
  steps: readonly LadderStep[];
}

/** Who a step goes to, besides being recorded on the measure. */
export const LADDER_RECIPIENTS = [
  'department_head',
  'responsible_leader',
  'secretary',
  'inspectors',
] as const;
export type LadderRecipient = (typeof LADDER_RECIPIENTS)[number];

/**
 * When a step is reached: a number of days before the due day, once no more than a share of the
 * measure's time is left (from assignment to the due day), or a number of days after the due day
 * (0: the first day overdue).
 */
export type StepTrigger = { daysBefore: number } | { timeLeftPercent: number } | { daysOverdue: number };

export interface LadderStep {
  /** Lower case, digits and `_`: it becomes part of alert ids and job ids. */
  id: string;
  /** What users read: 临期提醒, 督办通知书, 告诫书… */
  name: string;
  /**
   * What the step does to the wall chart: `reminder` leaves the light alone, `due_soon` turns it
   * yellow; after the due day the light is red, and an `escalated` step counts as 督办 in bulletins.
   */
  level: AlertLevel;
  trigger: StepTrigger;
  recipients: readonly LadderRecipient[];
  /** Reaching it on the measure's deadline issues a numbered 督办单. */
  notice: boolean;
  /** The 督办单's title, when it issues one. */
  noticeTitle: string;
  /** The step is also taken by each milestone (节点) of the measure. */
  milestones: boolean;
}

/** Today's three steps, as DUE_SOON_DAYS and ESCALATE_AFTER_DAYS have always set them. */
export function defaultLadder(dueSoonDays: number, escalateAfterDays: number): SupervisionLadder {
  const concerned: LadderRecipient[] = ['department_head', 'responsible_leader', 'secretary'];
  return {
    steps: [
      {
        id: 'due_soon',
        name: '临期提醒',
        level: 'due_soon',
        trigger: { daysBefore: dueSoonDays },
        recipients: concerned,
        notice: false,
        noticeTitle: '督办通知书',
        milestones: true,
      },
      {
        id: 'overdue',
        name: '逾期督办',
        level: 'overdue',
        trigger: { daysOverdue: 0 },
        recipients: concerned,
        notice: true,
        noticeTitle: '督办通知书',
        milestones: true,
      },
      {
        id: 'escalated',
        name: '升级督办',
        level: 'escalated',
        trigger: { daysOverdue: escalateAfterDays },
        recipients: [...concerned, 'inspectors'],
        notice: true,
        noticeTitle: '督办通知书（升级督办）',
        milestones: false,
      },
    ],
  };
}

/** The court day a step is reached for a deadline; null for a share of time with no start date. */
export function stepReachedOn(
  trigger: StepTrigger,
  due: CalendarDate,
  startedOn: CalendarDate | null,
): CalendarDate | null {
  if ('daysBefore' in trigger) return addDays(due, -trigger.daysBefore);
  if ('daysOverdue' in trigger) return addDays(due, 1 + trigger.daysOverdue);
  if (startedOn === null) return null;
  // The first day on which no more than the share is left: 30 % of 100 days is reached 30 days before.
  const total = Math.max(0, daysBetween(startedOn, due));
  return addDays(due, -Math.floor((total * trigger.timeLeftPercent) / 100));
}

export interface StepDate {
  step: LadderStep;
  reachedOn: CalendarDate;
}

/** The ladder laid over one deadline (or milestone): each step and the day it is reached, in ladder order. */
export function ladderDates(
  ladder: SupervisionLadder,
  due: CalendarDate,
  startedOn: CalendarDate | null,
  subject: 'deadline' | 'milestone' = 'deadline',
): StepDate[] {
  const dates: StepDate[] = [];
  for (const step of ladder.steps) {
    if (subject === 'milestone' && !step.milestones) continue;
    const reachedOn = stepReachedOn(step.trigger, due, startedOn);
    if (reachedOn !== null) dates.push({ step, reachedOn });
  }
  return dates;
}

export const LEVEL_RANK: Record<AlertLevel, number> = { reminder: 0, due_soon: 1, overdue: 2, escalated: 3 };

export const isBeforeDeadline = (trigger: StepTrigger): boolean => !('daysOverdue' in trigger);

/** Thrown with every problem of a ladder file, so the operator fixes them in one go. */
export class LadderError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

const STEP_ID = /^[a-z][a-z0-9_]{0,31}$/;
const PRE_DEADLINE_LEVELS: readonly AlertLevel[] = ['reminder', 'due_soon'];
const POST_DEADLINE_LEVELS: readonly AlertLevel[] = ['overdue', 'escalated'];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isWhole = (v: unknown, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;

function parseTrigger(raw: unknown, at: string, problems: string[]): StepTrigger | null {
  if (!isObject(raw)) {
    problems.push(`${at}.trigger must be an object with one of daysBefore, timeLeftPercent, daysOverdue`);
    return null;
  }
  const keys = Object.keys(raw);
  if (keys.length !== 1 || !['daysBefore', 'timeLeftPercent', 'daysOverdue'].includes(keys[0])) {
    problems.push(
      `${at}.trigger must have exactly one of daysBefore, timeLeftPercent, daysOverdue (got ${keys.join(', ') || 'none'})`,
    );
    return null;
  }
  const value = raw[keys[0]];
  if (keys[0] === 'timeLeftPercent') {
    if (typeof value !== 'number' || !(value > 0 && value < 100)) {
      problems.push(`${at}.trigger.timeLeftPercent must be a number between 0 and 100, exclusive`);
      return null;
    }
    return { timeLeftPercent: value };
  }
  if (!isWhole(value, 365)) {
    problems.push(`${at}.trigger.${keys[0]} must be a whole number of days from 0 to 365`);
    return null;
  }
  return keys[0] === 'daysBefore' ? { daysBefore: value } : { daysOverdue: value };
}

function parseStep(raw: unknown, at: string, problems: string[]): LadderStep | null {
  if (!isObject(raw)) {
    problems.push(`${at} must be an object`);
    return null;
  }
  const before = problems.length;
  const id = raw.id;
  if (typeof id !== 'string' || !STEP_ID.test(id))
    problems.push(`${at}.id must be lower-case letters, digits or _ (at most 32, starting with a letter)`);
  const name = raw.name;
  if (typeof name !== 'string' || name.trim() === '' || name.length > 20)
    problems.push(`${at}.name must be a text of 1 to 20 characters`);
  const level = raw.level as AlertLevel;
  if (!ALERT_LEVELS.includes(level)) problems.push(`${at}.level must be one of ${ALERT_LEVELS.join(', ')}`);
  const trigger = parseTrigger(raw.trigger, at, problems);
  if (trigger && ALERT_LEVELS.includes(level)) {
    const allowed = isBeforeDeadline(trigger) ? PRE_DEADLINE_LEVELS : POST_DEADLINE_LEVELS;
    if (!allowed.includes(level))
      problems.push(
        `${at}.level must be ${allowed.join(' or ')} for a step ${isBeforeDeadline(trigger) ? 'before' : 'after'} the due day`,
      );
  }
  const recipients = raw.recipients;
  if (
    !Array.isArray(recipients) ||
    recipients.length === 0 ||
    recipients.some((r) => !LADDER_RECIPIENTS.includes(r as LadderRecipient)) ||
    new Set(recipients).size !== recipients.length
  )
    problems.push(`${at}.recipients must be a list of distinct ${LADDER_RECIPIENTS.join(', ')}`);
  for (const flag of ['notice', 'milestones'] as const) {
    if (raw[flag] !== undefined && typeof raw[flag] !== 'boolean')
      problems.push(`${at}.${flag} must be true or false`);
  }
  const noticeTitle = raw.noticeTitle ?? '督办通知书';
  if (typeof noticeTitle !== 'string' || noticeTitle.trim() === '' || noticeTitle.length > 20)
    problems.push(`${at}.noticeTitle must be a text of 1 to 20 characters`);
  if (problems.length > before || trigger === null) return null;
  return {
    id: id as string,
    name: (name as string).trim(),
    level,
    trigger,
    recipients: recipients as LadderRecipient[],
    notice: raw.notice === true,
    noticeTitle: (noticeTitle as string).trim(),
    milestones: raw.milestones === true,
  };
}

/** Whether each step is reached after the one before it, on every deadline, so steps come in order. */
function checkOrder(steps: LadderStep[], problems: string[]): void {
  for (let i = 1; i < steps.length; i++) {
    const [a, b] = [steps[i - 1], steps[i]];
    const at = `steps[${i}]`;
    if (LEVEL_RANK[b.level] < LEVEL_RANK[a.level])
      problems.push(`${at} (${b.id}) has a lower level than the step before it`);
    if (!isBeforeDeadline(a.trigger) && isBeforeDeadline(b.trigger))
      problems.push(`${at} (${b.id}) comes before the due day but follows a step after it`);
    const pair = (key: 'daysBefore' | 'timeLeftPercent' | 'daysOverdue') =>
      key in a.trigger && key in b.trigger
        ? [(a.trigger as Record<string, number>)[key], (b.trigger as Record<string, number>)[key]]
        : null;
    const before = pair('daysBefore') ?? pair('timeLeftPercent');
    if (before && !(before[1] < before[0]))
      problems.push(`${at} (${b.id}) must be reached later than the step before it`);
    const after = pair('daysOverdue');
    if (after && !(after[1] > after[0]))
      problems.push(`${at} (${b.id}) must be reached later than the step before it`);
  }
}

/**
 * Validates a ladder read from SUPERVISION_LADDER_FILE: `{ "steps": [ … ] }`. Throws a
 * LadderError naming every problem; a court's start-up refuses a ladder it could not follow.
 */
export function parseLadder(raw: unknown): SupervisionLadder {
  const problems: string[] = [];
  if (!isObject(raw) || !Array.isArray(raw.steps) || raw.steps.length === 0 || raw.steps.length > 12) {
    throw new LadderError(['the ladder must be an object with "steps": a list of 1 to 12 steps']);
  }
  const steps = raw.steps.map((s, i) => parseStep(s, `steps[${i}]`, problems));
  const ids = steps.filter((s): s is LadderStep => s !== null).map((s) => s.id);
  for (const id of new Set(ids)) {
    if (ids.filter((x) => x === id).length > 1) problems.push(`step id "${id}" is used twice`);
  }
  if (problems.length === 0) checkOrder(steps as LadderStep[], problems);
  if (problems.length > 0) throw new LadderError(problems);
  return { steps: steps as LadderStep[] };
}
