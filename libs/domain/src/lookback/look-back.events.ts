import { CalendarDate } from '../shared/calendar-date';

/**
 * 回头看 reminder: a configured interval after the latest sign-off has come, and the responsible
 * leader is asked to review whether the problem has relapsed (反弹回潮). Recorded once per reminder
 * by the system, in the measure's stream.
 */
export interface LookBackDue {
  type: 'LookBackDue';
  data: {
    measureId: string;
    /** `v<deadlineVersion>-m<months>`: unique in the stream, since each new sign-off follows a reopening, which moves the version. */
    reviewId: string;
    /** The sign-off the interval counts from. */
    signedOffOn: CalendarDate;
    /** signedOffOn plus `months` in the court calendar (the 31st falls back to the month's last day). */
    dueOn: CalendarDate;
    months: number;
    deadlineVersion: number;
    /** The instant the reminder was due (ISO-8601: midnight starting dueOn, court time). */
    dueAt: string;
  };
}

/**
 * 回头看 recorded as confirmed (确认未反弹) by the responsible leader or the secretary: the finding,
 * and the reminders it answers — every reminder of this sign-off due on or before reviewedOn.
 * Later intervals still fall due. A relapse is recorded by reopening the measure instead.
 */
export interface LookBackConfirmed {
  type: 'LookBackConfirmed';
  data: {
    measureId: string;
    /** The latest recorded reminder it answers; null for a review made before any was recorded. */
    reviewId: string | null;
    /** Every recorded reminder it answers (empty for an early review). */
    answers: string[];
    finding: string;
    reviewedBy: string;
    reviewedOn: CalendarDate;
    /** The sign-off reviewed, named by its deadline version. */
    deadlineVersion: number;
  };
}

export type LookBackEvent = LookBackDue | LookBackConfirmed;

export const LOOK_BACK_EVENT_TYPES: readonly LookBackEvent['type'][] = ['LookBackDue', 'LookBackConfirmed'];
