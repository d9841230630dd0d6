import { assigned, progress, submitted } from '../testing/court.fixtures';
import { projectionSpec } from '../testing/projection-spec';
import { MeasuresProjection } from './measures.projection';

const spec = projectionSpec(() => [new MeasuresProjection('Asia/Shanghai')]);

describe('MeasuresProjection (the one measure model)', () => {
  it("given assignments in two campaigns, keeps one line per measure and lists a campaign's in assignment order", async () => {
    const [measures] = await spec.given([
      assigned('m-b', 'p1'),
      assigned('m-x', 'q1', { campaignId: 'c2' }),
      assigned('m-a', 'p1'),
      progress('m-b', 30),
    ]);
    expect(measures.linesOfCampaign('c1').map((l) => [l.measureId, l.percent])).toEqual([
      ['m-b', 30],
      ['m-a', 0],
    ]);
    expect(measures.linesOfCampaign('c2').map((l) => l.measureId)).toEqual(['m-x']);
    expect(measures.linesOfCampaign('c-none')).toEqual([]);
  });

  it('after a restart, files later events of a measure under its campaign (the index is rebuilt from the lines)', async () => {
    const [measures] = await spec.given([assigned('m1', 'p1')]);
    measures.apply(submitted('m1'), {
      eventId: 'e-later',
      type: 'CompletionSubmitted',
      schemaVersion: 1,
      streamName: 'measure-m1',
      revision: 1n,
      position: 99n,
      data: {},
      metadata: {
        actor: { userId: 'u-head', role: 'department_head' },
        recordedAt: '2026-03-10T01:00:00.000Z',
        correlationId: 'c',
        causationId: 'c',
        idempotencyKey: null,
        command: 'spec',
      },
    });
    expect(measures.linesOfCampaign('c1').map((l) => l.status)).toEqual(['submitted']);
  });

  it('has no line for a measure never assigned', async () => {
    const [measures] = await spec.given([submitted('m1')]);
    expect(measures.line('m1')).toBeUndefined();
  });
});
