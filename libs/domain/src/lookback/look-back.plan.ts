import { addMonths, CalendarDate } from '../shared/calendar-date';
import { MeasureState } from '../measure/measure.state';
import { LookBackDue } from './look-back.events';
import { lastReviewedOn, LookBackReminder, lookBacksOf } from './look-back.state';

export interface LookBackSettings {
  /** LOOK_BACK_MONTHS: months after the latest sign-off at which a review falls due, ascending; empty: none. */
  months: readonly number[];
  /** Midnight starting a date in the court's time zone. */
  startOfDay(date: CalendarDate): Date;
}

/** A reminder the measure's current sign-off calls for, and the instant it falls due. */
export interface PlannedLookBack {
  data: LookBackDue['data'];
  fireAt: Date;
}

/** Ids contain no ':' because they become BullMQ job ids. */
export const lookBackReviewId = (deadlineVersion: number, months: number): string =>
  `v${deadlineVersion}-m${months}`;

/**
 * Every 回头看 reminder the latest sign-off calls for, recorded or not: one per configured interval,
 * due `months` after signedOffOn in the court calendar. A review answers every reminder due on or
 * before its day, so those are not planned again; later intervals still are. A reopening ends the
 * plan (the measure is no longer signed off) and a new sign-off starts another, under a new
 * deadline version and so with new ids.
 */
export function planLookBacks(state: MeasureState, settings: LookBackSettings): PlannedLookBack[] {
  if (state.status !== 'signed_off') return [];
  const { signedOffOn } = state.signOff;
  const version = state.deadlineVersion;
  const reviewed = lastReviewedOn(lookBacksOf(state), version);
  return settings.months
    .map((months) => {
      const dueOn = addMonths(signedOffOn, months);
      const fireAt = settings.startOfDay(dueOn);
      return {
        data: {
          measureId: state.measureId,
          reviewId: lookBackReviewId(version, months),
          signedOffOn,
          dueOn,
          months,
          deadlineVersion: version,
          dueAt: fireAt.toISOString(),
        },
        fireAt,
      };
    })
    .filter((p) => reviewed === null || p.data.dueOn > reviewed);
}

/** The planned reminders not yet recorded in the measure's stream. */
export function unrecordedLookBacks(state: MeasureState, settings: LookBackSettings): PlannedLookBack[] {
  if (state.status !== 'signed_off') return [];
  const recorded = new Set(lookBacksOf(state).reminders.map((r) => r.reviewId));
  return planLookBacks(state, settings).filter((p) => !recorded.has(p.data.reviewId));
}

/**
 * 回头看待查: the recorded reminders of the current sign-off no review has answered yet, oldest
 * first. A review answers every reminder recorded before it (its `answers`) and every one due on or
 * before its day. Empty unless the measure is signed off (a reopening or a new sign-off leaves none open).
 */
export function openLookBacks(state: MeasureState): LookBackReminder[] {
  if (state.status !== 'signed_off') return [];
  const facts = lookBacksOf(state);
  const version = state.deadlineVersion;
  const reviewed = lastReviewedOn(facts, version);
  const answered = new Set(
    facts.reviews.filter((r) => r.deadlineVersion === version).flatMap((r) => r.answers),
  );
  return facts.reminders.filter(
    (r) =>
      r.deadlineVersion === version && !answered.has(r.reviewId) && (reviewed === null || r.dueOn > reviewed),
  );
}
