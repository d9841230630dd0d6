import { added, assigned, launched, problem, signedOff, submitted } from '../testing/court.fixtures';
import { projectionSpec } from '../testing/projection-spec';
import { SummaryProjection } from './summary.projection';

const spec = projectionSpec(() => [new SummaryProjection('Asia/Shanghai')]);

describe('SummaryProjection', () => {
  it("given a campaign's problems and measures, counts its problems and keeps every measure's line", async () => {
    const [summary] = await spec.given([
      launched('c1'),
      launched('c2'),
      problem('p1', 1),
      problem('p2', 2),
      problem('q1', 1, 'c2'),
      added('m1', 'p1', '1.1'),
      assigned('m1', 'p1'),
      assigned('m2', 'p2'),
      submitted('m2'),
      signedOff('m2'),
    ]);
    const figures = summary.campaigns.get('c1');
    expect(figures?.problems).toBe(2);
    expect(Object.keys(figures?.lines ?? {})).toEqual(['m1', 'm2']);
    expect(figures?.lines.m2.status).toBe('signed_off');
    expect(summary.campaigns.get('c2')).toEqual({ campaignId: 'c2', problems: 1, lines: {} });
  });

  it('after a restart, still files later events of a measure under its campaign', async () => {
    // The restarted projection rebuilt its measure → campaign index from the documents (reindex).
    const [summary] = await spec.given([launched(), problem('p1', 1), assigned('m1', 'p1')]);
    summary.apply(submitted('m1'), {
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
    expect(summary.campaigns.get('c1')?.lines.m1.status).toBe('submitted');
  });
});
