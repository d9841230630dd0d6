import { bulletin } from '../testing/court.fixtures';
import { projectionSpec } from '../testing/projection-spec';
import { BulletinsView } from './bulletins.view';

const spec = projectionSpec(() => [new BulletinsView()]);

describe('BulletinsView', () => {
  it('given issued bulletins, lists them newest period first, each with when it was issued', async () => {
    const [bulletins] = await spec.given([
      { event: bulletin('b-2026-03-08', '2026-03-08'), recordedAt: '2026-03-08T01:00:00.000Z' },
      { event: bulletin('b-2026-03-15', '2026-03-15'), recordedAt: '2026-03-15T01:00:00.000Z' },
    ]);
    expect(bulletins.list().map((b) => b.bulletinId)).toEqual(['b-2026-03-15', 'b-2026-03-08']);
    expect(bulletins.get('b-2026-03-08')).toEqual({
      bulletinId: 'b-2026-03-08',
      periodStart: '2026-03-01',
      asOf: '2026-03-08',
      lines: [],
      issuedAt: '2026-03-08T01:00:00.000Z',
    });
    expect(bulletins.get('b-none')).toBeUndefined();
  });
});
