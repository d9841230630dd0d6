import { dateInZone } from '@tracker/domain';
import { courtDayOf } from './court-day';

describe('courtDayOf', () => {
  const instants = (from: string, minutes: number, step: number) =>
    Array.from({ length: minutes / step }, (_, i) =>
      new Date(Date.parse(from) + i * step * 60_000).toISOString(),
    );

  it.each(['Asia/Shanghai', 'Asia/Kolkata', 'Asia/Kathmandu'])(
    'given instants in feed order across midnight in %s, then each has the court day a conversion gives',
    (zone) => {
      const courtDay = courtDayOf(zone);
      for (const at of instants('2026-03-01T14:00:00.000Z', 24 * 60, 7))
        expect(courtDay(at)).toBe(dateInZone(new Date(at), zone));
    },
  );

  it('given an instant out of order (a clock set back), then its own day, not the last one seen', () => {
    const courtDay = courtDayOf('Asia/Shanghai');
    expect(courtDay('2026-03-02T01:00:00.000Z')).toBe('2026-03-02');
    expect(courtDay('2026-03-01T01:00:00.000Z')).toBe('2026-03-01');
    expect(courtDay('2026-03-02T01:30:00.000Z')).toBe('2026-03-02');
  });
});
