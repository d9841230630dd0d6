import { relativeDue } from './dates';
import { Light, MeasureStatus } from './types';

/** Today's date in the court's time zone (YYYY-MM-DD), whatever zone the office PC is set to. */
export function courtToday(now: Date = new Date(), timeZone = 'Asia/Shanghai'): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/**
 * The measure's light on its own page. GET /measures/:id carries no light, so it is read from the
 * same facts the board reads: signed off is green; an open overdue/督办 alert or a passed deadline
 * is red; an open due-soon alert or a deadline within the due-soon days is yellow; otherwise blue.
 * null for a cancelled measure, which has no light.
 */
export function measureLight(
  measure: { status: MeasureStatus; dueDate: string | null },
  openAlertLevels: readonly string[],
  today: string,
  dueSoonDays = 3,
): Light | null {
  if (measure.status === 'cancelled') return null;
  if (measure.status === 'signed_off') return 'green';
  const due = relativeDue(measure.dueDate, today, { dueSoonDays });
  if (openAlertLevels.some((l) => l === 'overdue' || l === 'escalated') || due?.tone === 'overdue')
    return 'red';
  if (openAlertLevels.includes('due_soon') || due?.tone === 'soon' || due?.tone === 'today') return 'yellow';
  return 'blue';
}

/** A fresh Idempotency-Key; crypto.randomUUID exists only in secure contexts, and an intranet may be plain http. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
