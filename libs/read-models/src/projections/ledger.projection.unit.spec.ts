import { added, assigned, launched, problem, signedOff, submitted } from '../testing/court.fixtures';
import { projectionSpec } from '../testing/projection-spec';
import { LedgerProjection } from './ledger.projection';
import { MeasuresProjection } from './measures.projection';

const spec = projectionSpec(() => {
  const measures = new MeasuresProjection('Asia/Shanghai');
  return [new LedgerProjection(measures), measures];
});

describe('LedgerProjection', () => {
  it('given measures under problems, keeps one row per measure with its problem written out', async () => {
    const [ledger] = await spec.given([
      launched(),
      problem('p1', 1),
      problem('p2', 2),
      added('m1', 'p1', '1.1'),
      added('m2', 'p2', '2.1'),
      assigned('m1', 'p1', { number: '1.1' }),
      assigned('m2', 'p2', { number: '2.1' }),
      submitted('m2'),
      signedOff('m2', '2026-03-18'),
    ]);
    const entries = ledger.entries();
    expect(entries.map((e) => [e.problemNumber, e.problemTitle, e.line.number])).toEqual([
      [1, '问题1', '1.1'],
      [2, '问题2', '2.1'],
    ]);
    expect(entries[1].line).toMatchObject({ status: 'signed_off', signedOffOn: '2026-03-18' });
    expect(entries[0].line.status).toBe('assigned');
  });
});
