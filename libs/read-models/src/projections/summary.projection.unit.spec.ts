import { added, assigned, launched, problem, signedOff, submitted } from '../testing/court.fixtures';
import { projectionSpec } from '../testing/projection-spec';
import { MeasuresProjection } from './measures.projection';
import { SummaryProjection } from './summary.projection';

const spec = projectionSpec(() => {
  const measures = new MeasuresProjection('Asia/Shanghai');
  return [new SummaryProjection(measures), measures];
});

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
    const figures = summary.figuresOf('c1');
    expect(figures?.problems).toBe(2);
    expect(figures?.lines.map((l) => [l.measureId, l.status])).toEqual([
      ['m1', 'assigned'],
      ['m2', 'signed_off'],
    ]);
    expect(summary.figuresOf('c2')).toEqual({ campaignId: 'c2', problems: 1, lines: [] });
    expect(summary.figuresOf('c-none')).toBeUndefined();
  });
});
