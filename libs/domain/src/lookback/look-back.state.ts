import { CalendarDate } from '../shared/calendar-date';
import { LookBackConfirmed, LookBackDue, LookBackEvent } from './look-back.events';

/** A recorded 回头看 reminder. */
export type LookBackReminder = Omit<LookBackDue['data'], 'measureId'>;

/** A recorded 回头看 review (确认未反弹). */
export type LookBackReview = Omit<LookBackConfirmed['data'], 'measureId'>;

/** Every reminder and review of the measure, of every sign-off, oldest first. */
export interface LookBackFacts {
  reminders: LookBackReminder[];
  reviews: LookBackReview[];
}

const NONE: LookBackFacts = { reminders: [], reviews: [] };

/** Measure states stored before look-back reviews existed have none. */
export function lookBacksOf(measure: { lookBacks?: LookBackFacts }): LookBackFacts {
  return measure.lookBacks ?? NONE;
}

export function evolveLookBacks(facts: LookBackFacts, event: LookBackEvent): LookBackFacts {
  const { measureId: _m, ...data } = event.data;
  switch (event.type) {
    case 'LookBackDue':
      return { ...facts, reminders: [...facts.reminders, data as LookBackReminder] };
    case 'LookBackConfirmed':
      return { ...facts, reviews: [...facts.reviews, data as LookBackReview] };
  }
}

/** The latest day a review of this sign-off was recorded; null when none was. */
export function lastReviewedOn(facts: LookBackFacts, deadlineVersion: number): CalendarDate | null {
  let last: CalendarDate | null = null;
  for (const r of facts.reviews) {
    if (r.deadlineVersion === deadlineVersion && (last === null || r.reviewedOn > last)) last = r.reviewedOn;
  }
  return last;
}
