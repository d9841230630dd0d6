import { courtToday, newIdempotencyKey } from './measure-light';

describe('court day and idempotency keys', () => {
  it('takes today in the court zone, not the machine zone', () => {
    expect(courtToday(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12-01');
  });

  it('makes a new idempotency key each time', () => {
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
  });
});
