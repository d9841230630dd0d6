/** Today's date in the court's time zone (YYYY-MM-DD), whatever zone the office PC is set to. */
export function courtToday(now: Date = new Date(), timeZone = 'Asia/Shanghai'): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** A fresh Idempotency-Key; crypto.randomUUID exists only in secure contexts, and an intranet may be plain http. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
