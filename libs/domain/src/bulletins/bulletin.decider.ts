import { Actor } from '../shared/actor';
import { addDays, CalendarDate } from '../shared/calendar-date';
import { CommandContext } from '../shared/command-context';
import { assertNever, Decider } from '../shared/decider';
import { forbidden, invalid } from '../shared/domain-error';
import {
  BulletinRules,
  bulletinFigures,
  DepartmentFigures,
  OverdueFacts,
  OverdueMeasure,
  overdueMeasures,
} from './bulletin.figures';

/**
 * 督办通报: the figures of one period, issued once, numbered within its year (第N期). A year's
 * bulletins are one stream (streams.bulletinYear), so the number is the count of bulletins
 * already in it plus one: appended at the revision read, two bulletins can never take the same
 * number and none is skipped.
 */
export interface BulletinIssued {
  type: 'BulletinIssued';
  data: {
    /** `<year>-<number, three digits>`, e.g. 2026-003; a date (2026-03-02) for bulletins issued before numbering. */
    bulletinId: string;
    /** What asked for it: `schedule-<date>` for the weekly run, an id per request otherwise; a second ask records nothing. */
    requestId: string;
    /** Null for bulletins issued before numbering (schema 1). */
    year: number | null;
    /** 第N期 within the year; null before numbering. */
    number: number | null;
    /** The court day it was issued. */
    issuedOn: CalendarDate;
    /** The period covered: periodStart to asOf. */
    periodStart: CalendarDate;
    asOf: CalendarDate;
    lines: DepartmentFigures[];
    /** The measures overdue on asOf, named in the bulletin. */
    overdueMeasures: OverdueMeasure[];
  };
}
export type BulletinEvent = BulletinIssued;
export const BULLETIN_EVENT_TYPES: readonly BulletinEvent['type'][] = ['BulletinIssued'];

export interface IssueBulletin {
  type: 'IssueBulletin';
  data: Omit<BulletinIssued['data'], 'bulletinId' | 'year' | 'number'>;
  context: CommandContext;
}
export type BulletinCommand = IssueBulletin;

/** One year's bulletin stream: how many were issued, and for which requests. */
export interface BulletinYearState {
  issued: number;
  requests: readonly string[];
}

/** The bulletin id of the year's Nth bulletin. */
export const bulletinIdOf = (year: number, number: number): string =>
  `${year}-${String(number).padStart(3, '0')}`;

/** Who issues a bulletin besides the weekly schedule: the 党组书记 and the discipline inspectors. */
export function mayIssueBulletin(actor: Pick<Actor, 'role' | 'secretary'>): boolean {
  return (
    actor.role === 'system' || actor.role === 'inspector' || (actor.role === 'leader' && actor.secretary)
  );
}

export const bulletinIssueForbidden = () =>
  forbidden(
    'bulletin.issue_forbidden',
    '督办通报由党组书记或纪检监察人员发布',
    'Only the secretary and discipline inspectors issue bulletins',
  );

/**
 * Issues the next bulletin of the year of `issuedOn`: numbered one past the last; a request
 * already answered (the weekly run repeated, a retried request) records nothing.
 */
export const bulletinDecider: Decider<BulletinCommand, BulletinEvent, BulletinYearState> = {
  eventTypes: BULLETIN_EVENT_TYPES,
  initialState: () => ({ issued: 0, requests: [] }),
  evolve: (state, event) => ({
    issued: Math.max(state.issued + 1, event.data.number ?? 0),
    requests: [...state.requests, event.data.requestId],
  }),
  decide(command, state) {
    switch (command.type) {
      case 'IssueBulletin': {
        if (!mayIssueBulletin(command.context.actor)) throw bulletinIssueForbidden();
        const d = command.data;
        if (d.periodStart > d.asOf) {
          throw invalid(
            'periodStart',
            'bulletin.period_reversed',
            '统计起始日期不能晚于截止日期',
            'periodStart must not be later than periodEnd',
          );
        }
        if (d.asOf > d.issuedOn) {
          throw invalid(
            'periodEnd',
            'bulletin.period_in_future',
            `统计截止日期不能晚于今天（${d.issuedOn}）`,
            `periodEnd must not be later than today (${d.issuedOn})`,
          );
        }
        if (state.requests.includes(d.requestId)) return [];
        const year = Number(d.issuedOn.slice(0, 4));
        const number = state.issued + 1;
        return [
          { type: 'BulletinIssued', data: { ...d, bulletinId: bulletinIdOf(year, number), year, number } },
        ];
      }
      default:
        return assertNever(command.type);
    }
  },
};

export interface BulletinDraft {
  requestId: string;
  issuedOn: CalendarDate;
  /** The period's last day: the figures are read as of it. */
  periodEnd: CalendarDate;
  /** The period's first day; by default `periodDays` before periodEnd. */
  periodStart?: CalendarDate;
  periodDays?: number;
  rules: BulletinRules;
}

/** The bulletin's content as of the period's end: ranked figures and the overdue measures named. */
export function drawUpBulletin(
  measures: readonly OverdueFacts[],
  draft: BulletinDraft,
): IssueBulletin['data'] {
  const asOf = draft.periodEnd;
  return {
    requestId: draft.requestId,
    issuedOn: draft.issuedOn,
    periodStart: draft.periodStart ?? addDays(asOf, -(draft.periodDays ?? 7)),
    asOf,
    lines: bulletinFigures(measures, asOf, draft.rules),
    overdueMeasures: overdueMeasures(measures, asOf, draft.rules),
  };
}
