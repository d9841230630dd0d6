import {
  added,
  assigned,
  launched,
  problem,
  progress,
  signedOff,
  submitted,
} from '../testing/court.fixtures';
import { projectionSpec } from '../testing/projection-spec';
import { CatalogueView } from './catalogue.view';

describe.each([
  ['read at start', {}],
  ['read on demand (the worker)', { loading: 'on demand' as const }],
  ['read after start (the API)', { loading: 'after start' as const }],
])('CatalogueView, problems and measures %s', (_, options) => {
  const spec = projectionSpec(() => [new CatalogueView(options)]);

  it('given a campaign with problems and measures, nests them in the order recorded', async () => {
    const [catalogue] = await spec.given([
      launched('c1'),
      problem('p-b', 1),
      problem('p-a', 2),
      added('m-2', 'p-b', '1.1'),
      added('m-1', 'p-b', '1.2'),
      assigned('m-2', 'p-b', { number: '1.1' }),
      assigned('m-1', 'p-b', { number: '1.2' }),
    ]);
    const campaign = catalogue.campaign('c1');
    expect(campaign).toMatchObject({
      id: 'c1',
      launchedBy: 'u-leader',
      revision: 4n,
      problemIds: ['p-b', 'p-a'],
    });
    const problems = catalogue.problemsOf(campaign!);
    expect(problems.map((p) => p.number)).toEqual([1, 2]);
    expect(problems[0].measureIds).toEqual(['m-2', 'm-1']);
    expect(catalogue.measuresOf(problems[0]).map((m) => m.state.number)).toEqual(['1.1', '1.2']);
    expect(catalogue.measuresOf(problems[1])).toEqual([]);
  });

  it("folds each measure with the domain's rules, keeping its stream revision (its ETag) and last change", async () => {
    const [catalogue] = await spec.given([
      launched(),
      problem('p1', 1),
      added('m1', 'p1', '1.1'),
      assigned('m1', 'p1'),
      progress('m1', 60),
      submitted('m1'),
      signedOff('m1'),
    ]);
    const measure = catalogue.measure('m1');
    expect(measure?.state).toMatchObject({ status: 'signed_off', percent: 100 });
    expect(measure?.revision).toBe(3n);
    expect(measure?.updatedAt).toBe('2026-03-02T01:06:00.000Z');
  });

  it('lists campaigns newest issue date first', async () => {
    const [catalogue] = await spec.given([launched('c-old', '2025-10-01'), launched('c-new', '2026-02-01')]);
    expect(catalogue.listCampaigns().map((c) => c.id)).toEqual(['c-new', 'c-old']);
  });

  it('has no measure until it is assigned, and nothing for unknown ids', async () => {
    const [catalogue] = await spec.given([launched(), problem('p1', 1), added('m1', 'p1', '1.1')]);
    expect(catalogue.measure('m1')).toBeUndefined();
    expect(catalogue.problem('p-none')).toBeUndefined();
    expect(catalogue.campaign('c-none')).toBeUndefined();
  });
});
