import { bulletin } from '../testing/court.fixtures';
import { projectionSpec } from '../testing/projection-spec';
import { BulletinsView } from './bulletins.view';

const spec = projectionSpec(() => [new BulletinsView()]);

describe('BulletinsView', () => {
  it('given issued bulletins, lists them newest first, each with its number and when it was issued', async () => {
    const [bulletins] = await spec.given([
      { event: bulletin(1, '2026-03-08'), recordedAt: '2026-03-08T01:00:00.000Z' },
      { event: bulletin(2, '2026-03-15'), recordedAt: '2026-03-15T01:00:00.000Z' },
    ]);
    expect(bulletins.list().map((b) => b.bulletinId)).toEqual(['2026-002', '2026-001']);
    expect(bulletins.get('2026-001')).toEqual({
      bulletinId: '2026-001',
      requestId: 'schedule-2026-03-08',
      year: 2026,
      number: 1,
      issuedOn: '2026-03-08',
      periodStart: '2026-03-01',
      asOf: '2026-03-08',
      lines: [],
      overdueMeasures: [],
      issuedAt: '2026-03-08T01:00:00.000Z',
    });
    expect(bulletins.get('b-none')).toBeUndefined();
  });
});
