import { courtToday, measureLight, newIdempotencyKey } from './measure-light';

describe('measureLight', () => {
  const today = '2026-12-01';
  it('reads green, red, yellow and blue from status, deadline and open alerts', () => {
    expect(measureLight({ status: 'signed_off', dueDate: '2026-11-01' }, ['overdue'], today)).toBe('green');
    expect(measureLight({ status: 'in_progress', dueDate: '2026-11-30' }, [], today)).toBe('red');
    expect(measureLight({ status: 'in_progress', dueDate: '2026-12-03' }, [], today)).toBe('yellow');
    expect(measureLight({ status: 'in_progress', dueDate: '2026-12-20' }, [], today)).toBe('blue');
    expect(measureLight({ status: 'assigned', dueDate: null }, ['escalated'], today)).toBe('red');
    expect(measureLight({ status: 'assigned', dueDate: null }, ['due_soon'], today)).toBe('yellow');
    expect(measureLight({ status: 'cancelled', dueDate: null }, [], today)).toBeNull();
  });

  it('takes today in the court zone, not the machine zone', () => {
    expect(courtToday(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12-01');
  });

  it('makes a new idempotency key each time', () => {
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
  });
});
