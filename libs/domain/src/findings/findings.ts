import { CalendarDate, dateInZone } from '../shared/calendar-date';

/**
 * 审计发现: patterns in the record that deserve an inspector's look. None of them is forbidden —
 * an extension may be approved late, a leader may sign off at night — but each is what a discipline
 * inspection (纪检监察) asks about first: was a deadline moved after it was missed, was a sign-off
 * waved through, was anything done in bulk or out of hours.
 *
 * The rules fold the feed once, in order: `startFindings`, `noteEvent` per event, `findingsOf`.
 * They read each event's type, data, stream, actor and recorded instant; nothing else.
 */

/** The thresholds (FINDINGS_* settings). */
export interface FindingSettings {
  /** The court's time zone: deadlines and the night hours are read in it. */
  timeZone: string;
  /** A measure extended more than this many times is a finding (default 2). */
  maxExtensions: number;
  /** Completion submitted and signed off within this many minutes by one department (default 10). */
  quickSignOffMinutes: number;
  /** Night hours in court time: from `nightFromHour` (inclusive) to `nightToHour` (exclusive), default 0–6. */
  nightFromHour: number;
  nightToHour: number;
  /** More than `burstWrites` writes by one account within `burstMinutes` (default 50 in 10). */
  burstWrites: number;
  burstMinutes: number;
}

export const DEFAULT_FINDING_SETTINGS: Omit<FindingSettings, 'timeZone'> = {
  maxExtensions: 2,
  quickSignOffMinutes: 10,
  nightFromHour: 0,
  nightToHour: 6,
  burstWrites: 50,
  burstMinutes: 10,
};

export const FINDING_RULES = [
  'late_extension_approval', // 逾期后批准延期
  'repeated_extensions', // 多次延期
  'quick_same_department_sign_off', // 同部门快速销号
  'on_time_only_by_extension', // 仅因延期而按期
  'night_decision', // 夜间销号或审批
  'write_burst', // 短时间大量写入
] as const;
export type FindingRule = (typeof FINDING_RULES)[number];

/** What the rules read of a recorded event. */
export interface FindingInput {
  position: string;
  streamName: string;
  type: string;
  data: unknown;
  actor: { userId: string; role: string };
  /** ISO instant the event was recorded at. */
  recordedAt: string;
}

interface FindingBase {
  rule: FindingRule;
  /** The measure whose history shows it; null for a finding about an account (write_burst). */
  measureId: string | null;
  /** The stream to read in the audit feed (measure-<id>); null for write_burst. */
  streamName: string | null;
  /** When it happened (the last event that made it a finding). */
  at: string;
  /** Feed position of that event. */
  position: string;
}

export type Finding =
  | (FindingBase & {
      rule: 'late_extension_approval';
      approvedBy: string;
      requestId: string;
      /** The deadline that had passed, and the court day it was approved on. */
      previousDueDate: CalendarDate;
      approvedOn: CalendarDate;
      newDueDate: CalendarDate;
    })
  | (FindingBase & { rule: 'repeated_extensions'; extensions: number })
  | (FindingBase & {
      rule: 'quick_same_department_sign_off';
      submittedBy: string;
      signedOffBy: string;
      departmentId: string;
      submittedAt: string;
      minutes: number;
    })
  | (FindingBase & {
      rule: 'on_time_only_by_extension';
      originalDueDate: CalendarDate;
      dueDate: CalendarDate;
      signedOffOn: CalendarDate;
    })
  | (FindingBase & { rule: 'night_decision'; decision: 'sign_off' | 'extension_approval'; actorId: string })
  | (FindingBase & { rule: 'write_burst'; actorId: string; from: string; writes: number });

interface MeasureTrack {
  /** The deadline before any extension (the assigned one, or the one a reopening set). */
  baseDueDate: CalendarDate | null;
  dueDate: CalendarDate | null;
  extendedSinceBase: boolean;
  extensions: number;
  submitted: { by: string; at: number; atText: string } | null;
}

interface BurstTrack {
  /** Instants (ms) of the account's writes inside the current window, oldest first. */
  window: number[];
  /** The burst under way: its finding, updated while writes keep the window over the threshold. */
  open: (FindingBase & { rule: 'write_burst'; actorId: string; from: string; writes: number }) | null;
  firstAt: string[];
}

export interface FindingsFold {
  readonly settings: FindingSettings;
  readonly findings: Finding[];
  readonly measures: Map<string, MeasureTrack>;
  /** Each account's department as the directory said at the time. */
  readonly departments: Map<string, string | null>;
  readonly bursts: Map<string, BurstTrack>;
  readonly hourFormat: Intl.DateTimeFormat;
}

export function startFindings(settings: FindingSettings): FindingsFold {
  return {
    settings,
    findings: [],
    measures: new Map(),
    departments: new Map(),
    bursts: new Map(),
    hourFormat: new Intl.DateTimeFormat('en-GB', {
      timeZone: settings.timeZone,
      hour: '2-digit',
      hourCycle: 'h23',
    }),
  };
}

/** Accounts of the tracker itself and the door: what they record is no one's decision. */
const NOT_AN_ACCOUNT = new Set(['system', 'anonymous']);

type Data = Record<string, unknown>;
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export function noteEvent(fold: FindingsFold, event: FindingInput): void {
  const at = Date.parse(event.recordedAt);
  if (Number.isNaN(at)) return;
  // The access log records reads and sign-ins, not writes.
  if (event.streamName.startsWith('access-')) return;
  const data = (typeof event.data === 'object' && event.data !== null ? event.data : {}) as Data;
  if (event.streamName === 'directory') noteDirectory(fold, event.type, data);
  if (!NOT_AN_ACCOUNT.has(event.actor.role) && !NOT_AN_ACCOUNT.has(event.actor.userId))
    noteWrite(fold, event, at);
  if (event.streamName.startsWith('measure-')) noteMeasure(fold, event, data, at);
}

function noteDirectory(fold: FindingsFold, type: string, data: Data): void {
  const userId = text(data.userId);
  if (userId === null) return;
  if (type === 'UserRegistered' || type === 'UserPositionChanged')
    fold.departments.set(userId, text(data.departmentId));
}

function noteMeasure(fold: FindingsFold, event: FindingInput, data: Data, at: number): void {
  const measureId = text(data.measureId) ?? event.streamName.slice('measure-'.length);
  const base = { measureId, streamName: event.streamName, at: event.recordedAt, position: event.position };
  const { settings } = fold;
  let track = fold.measures.get(measureId);
  if (event.type === 'MeasureAssigned') {
    const due = text(data.dueDate);
    track = { baseDueDate: due, dueDate: due, extendedSinceBase: false, extensions: 0, submitted: null };
    fold.measures.set(measureId, track);
    return;
  }
  if (!track) return;
  switch (event.type) {
    case 'ExtensionApproved': {
      const previousDueDate = text(data.previousDueDate) ?? track.dueDate;
      const newDueDate = text(data.newDueDate);
      const approvedOn = dateInZone(new Date(at), settings.timeZone);
      if (previousDueDate !== null && newDueDate !== null && approvedOn > previousDueDate)
        fold.findings.push({
          ...base,
          rule: 'late_extension_approval',
          approvedBy: event.actor.userId,
          requestId: text(data.requestId) ?? '',
          previousDueDate,
          approvedOn,
          newDueDate,
        });
      track.dueDate = newDueDate ?? track.dueDate;
      track.extendedSinceBase = true;
      track.extensions += 1;
      if (track.extensions === settings.maxExtensions + 1)
        fold.findings.push({ ...base, rule: 'repeated_extensions', extensions: track.extensions });
      else if (track.extensions > settings.maxExtensions + 1) {
        // One finding per measure: it says how many times, as of the latest.
        const earlier = fold.findings.find(
          (f) => f.rule === 'repeated_extensions' && f.measureId === measureId,
        );
        if (earlier?.rule === 'repeated_extensions')
          Object.assign(earlier, base, { extensions: track.extensions });
      }
      noteNight(fold, base, 'extension_approval', event.actor.userId, at);
      return;
    }
    case 'CompletionSubmitted':
      track.submitted = { by: event.actor.userId, at, atText: event.recordedAt };
      return;
    case 'MeasureReturned':
      track.submitted = null;
      return;
    case 'MeasureReopened': {
      const newDueDate = text(data.newDueDate);
      if (newDueDate !== null) {
        track.baseDueDate = newDueDate;
        track.dueDate = newDueDate;
        track.extendedSinceBase = false;
      }
      track.submitted = null;
      return;
    }
    case 'MeasureSignedOff': {
      const signedOffOn = text(data.signedOffOn) ?? dateInZone(new Date(at), settings.timeZone);
      const { baseDueDate, dueDate, submitted } = track;
      if (
        track.extendedSinceBase &&
        baseDueDate !== null &&
        dueDate !== null &&
        signedOffOn > baseDueDate &&
        signedOffOn <= dueDate
      )
        fold.findings.push({
          ...base,
          rule: 'on_time_only_by_extension',
          originalDueDate: baseDueDate,
          dueDate,
          signedOffOn,
        });
      if (submitted !== null) {
        const minutes = (at - submitted.at) / 60_000;
        const submitterDepartment = fold.departments.get(submitted.by) ?? null;
        const signerDepartment = fold.departments.get(event.actor.userId) ?? null;
        if (
          minutes <= settings.quickSignOffMinutes &&
          submitterDepartment !== null &&
          submitterDepartment === signerDepartment
        )
          fold.findings.push({
            ...base,
            rule: 'quick_same_department_sign_off',
            submittedBy: submitted.by,
            signedOffBy: event.actor.userId,
            departmentId: submitterDepartment,
            submittedAt: submitted.atText,
            minutes: Math.round(minutes * 10) / 10,
          });
      }
      track.submitted = null;
      noteNight(fold, base, 'sign_off', event.actor.userId, at);
      return;
    }
  }
}

function noteNight(
  fold: FindingsFold,
  base: Omit<FindingBase, 'rule'>,
  decision: 'sign_off' | 'extension_approval',
  actorId: string,
  at: number,
): void {
  const hour = Number(fold.hourFormat.format(new Date(at)));
  const { nightFromHour, nightToHour } = fold.settings;
  const night =
    nightFromHour <= nightToHour
      ? hour >= nightFromHour && hour < nightToHour
      : hour >= nightFromHour || hour < nightToHour;
  if (night) fold.findings.push({ ...base, rule: 'night_decision', decision, actorId });
}

/**
 * A burst: more than `burstWrites` events recorded by one account within `burstMinutes`. One
 * finding per burst, from its first write in the window to the last write that kept it over.
 */
function noteWrite(fold: FindingsFold, event: FindingInput, at: number): void {
  const { burstWrites, burstMinutes } = fold.settings;
  const span = burstMinutes * 60_000;
  const actorId = event.actor.userId;
  let track = fold.bursts.get(actorId);
  if (!track) {
    track = { window: [], open: null, firstAt: [] };
    fold.bursts.set(actorId, track);
  }
  track.window.push(at);
  track.firstAt.push(event.recordedAt);
  while (track.window[0] <= at - span) {
    track.window.shift();
    track.firstAt.shift();
  }
  if (track.window.length <= burstWrites) {
    track.open = null;
    return;
  }
  if (track.open) {
    track.open.writes += 1;
    track.open.at = event.recordedAt;
    track.open.position = event.position;
    return;
  }
  track.open = {
    rule: 'write_burst',
    measureId: null,
    streamName: null,
    at: event.recordedAt,
    position: event.position,
    actorId,
    from: track.firstAt[0],
    writes: track.window.length,
  };
  fold.findings.push(track.open);
}

/** The findings so far, in the order they arose. */
export function findingsOf(fold: FindingsFold): readonly Finding[] {
  return fold.findings;
}
