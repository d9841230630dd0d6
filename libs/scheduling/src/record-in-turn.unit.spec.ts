import { recordInTurn } from './record-in-turn';

/** A recorder that answers after a tick, so measures run side by side really interleave. */
function recorder(fails: (item: string) => boolean = () => false) {
  const order: string[] = [];
  const perMeasure = new Map<string, number>();
  let collisions = 0;
  let position = 0n;
  const record = async (item: string) => {
    const measure = item.split('/')[0];
    if ((perMeasure.get(measure) ?? 0) > 0) collisions++;
    perMeasure.set(measure, (perMeasure.get(measure) ?? 0) + 1);
    await new Promise((resolve) => setImmediate(resolve));
    perMeasure.set(measure, (perMeasure.get(measure) ?? 1) - 1);
    order.push(item);
    if (fails(item)) throw new Error(`cannot record ${item}`);
    position += 1n;
    return { recorded: 1, position };
  };
  return { record, order, collisions: () => collisions };
}

describe('recordInTurn: a sweep records each measure’s missed items one after another, measures side by side', () => {
  it('given two measures with three items each, when swept, then each measure’s items are recorded in order and never two of one measure at once', async () => {
    const r = recorder();
    const outcome = await recordInTurn(
      [
        ['a/1', 'a/2', 'a/3'],
        ['b/1', 'b/2', 'b/3'],
      ],
      r.record,
      () => undefined,
    );
    expect(outcome).toEqual({ recorded: 6, failed: 0, position: 6n });
    expect(r.order.filter((i) => i.startsWith('a/'))).toEqual(['a/1', 'a/2', 'a/3']);
    expect(r.order.filter((i) => i.startsWith('b/'))).toEqual(['b/1', 'b/2', 'b/3']);
    expect(r.collisions()).toBe(0);
    // Side by side: b's first item did not wait for all of a's.
    expect(r.order.indexOf('b/1')).toBeLessThan(r.order.indexOf('a/3'));
  });

  it('given an item that cannot be recorded, when swept, then it is counted and reported, and the rest of its measure and the others are still recorded', async () => {
    const r = recorder((item) => item === 'a/1');
    const reported: string[] = [];
    const outcome = await recordInTurn([['a/1', 'a/2'], ['b/1']], r.record, (error) =>
      reported.push(String(error)),
    );
    expect(outcome).toEqual({ recorded: 2, failed: 1, position: 2n });
    expect(reported).toEqual(['Error: cannot record a/1']);
    expect(r.order).toContain('a/2');
  });

  it('given nothing due, when swept, then nothing is recorded and no position is reported', async () => {
    const r = recorder();
    expect(await recordInTurn([], r.record, () => undefined)).toEqual({
      recorded: 0,
      failed: 0,
      position: null,
    });
  });
});
