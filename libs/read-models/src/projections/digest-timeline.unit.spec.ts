import { DigestTimeline } from './digest-timeline';

interface Doc {
  status: string;
  percent: number;
  milestones: { dueDate: string }[];
  note: string;
}

const doc = (status: string, percent: number, milestones: { dueDate: string }[] = []): Doc => ({
  status,
  percent,
  milestones,
  note: 'not kept',
});

const timeline = () =>
  new DigestTimeline<Doc, 'status' | 'percent' | 'milestones'>(
    ['status', 'percent', 'milestones'],
    ([status, percent, milestones]) =>
      ({ status, percent, milestones }) as Pick<Doc, 'status' | 'percent' | 'milestones'>,
  );

describe('DigestTimeline (the fields an asOf board reads of every key, by day, in memory)', () => {
  it('given rows on several days, reads each day as its last row on or before it, and nothing before the first', () => {
    const t = timeline();
    t.record('m1', '2026-03-02', doc('in_progress', 0));
    t.record('m1', '2026-03-05', doc('in_progress', 40));
    t.record('m2', '2026-03-03', doc('in_progress', 10));
    t.record('m1', '2026-03-09', doc('signed_off', 100));

    expect(t.at('m1', '2026-03-01')).toBeUndefined();
    expect(t.at('m1', '2026-03-02')).toEqual({ status: 'in_progress', percent: 0, milestones: [] });
    expect(t.at('m1', '2026-03-08')).toMatchObject({ percent: 40 });
    expect(t.at('m1', '2026-12-31')).toMatchObject({ status: 'signed_off', percent: 100 });
    expect(t.at('m2', '2026-03-05')).toMatchObject({ percent: 10 });
    expect(t.at('m3', '2026-03-05')).toBeUndefined();
    expect(t.size).toBe(4);
  });

  it("given a problem's list of keys, visits each key's row of the day in list order, and sees keys and rows recorded after it was first read", () => {
    const t = timeline();
    const list = ['m2', 'm1', 'm3'];
    t.record('m1', '2026-03-02', doc('in_progress', 10));
    t.record('m2', '2026-03-04', doc('in_progress', 20));
    const percents = (day: string) => {
      const seen: number[] = [];
      t.eachAt(list, day, (d) => seen.push(d.percent));
      return seen;
    };

    expect(percents('2026-03-01')).toEqual([]);
    expect(percents('2026-03-03')).toEqual([10]);
    expect(percents('2026-03-05')).toEqual([20, 10]);

    // m3 gets its first row after the list was read, m1 a newer one, and the list grows.
    t.record('m3', '2026-03-06', doc('in_progress', 30));
    t.record('m1', '2026-03-06', doc('signed_off', 100));
    expect(percents('2026-03-06')).toEqual([20, 100, 30]);
    list.push('m4');
    t.record('m4', '2026-03-07', doc('in_progress', 40));
    expect(percents('2026-03-07')).toEqual([20, 100, 30, 40]);
    expect(percents('2026-03-05')).toEqual([20, 10]);
  });

  it("keeps only the last change of a day, and files a change dated before a key's last row under that row's day", () => {
    const t = timeline();
    t.record('m1', '2026-03-02', doc('in_progress', 10));
    t.record('m1', '2026-03-02', doc('in_progress', 20));
    t.record('m1', '2026-03-04', doc('in_progress', 30));
    t.record('m1', '2026-03-03', doc('in_progress', 35));

    expect(t.size).toBe(2);
    expect(t.at('m1', '2026-03-03')).toMatchObject({ percent: 20 });
    expect(t.at('m1', '2026-03-04')).toMatchObject({ percent: 35 });
  });

  it('given stored rows read back after newer ones were recorded, puts them before, dropping those of days it holds', () => {
    const t = timeline();
    t.record('m1', '2026-03-06', doc('submitted', 100));
    t.recordOlder('m1', [
      { day: '2026-03-02', doc: doc('in_progress', 0) },
      { day: '2026-03-04', doc: doc('in_progress', 50) },
      // The state this process had already moved on from, on a day it holds.
      { day: '2026-03-06', doc: doc('in_progress', 80) },
    ]);
    t.recordOlder('m2', [{ day: '2026-03-03', doc: doc('in_progress', 5) }]);

    expect(t.at('m1', '2026-03-01')).toBeUndefined();
    expect(t.at('m1', '2026-03-03')).toMatchObject({ percent: 0 });
    expect(t.at('m1', '2026-03-05')).toMatchObject({ percent: 50 });
    expect(t.at('m1', '2026-03-06')).toMatchObject({ status: 'submitted', percent: 100 });
    expect(t.at('m2', '2026-03-09')).toMatchObject({ percent: 5 });
    // Recorded after its stored rows were read: a newer day.
    t.record('m2', '2026-03-10', doc('in_progress', 15));
    expect(t.at('m2', '2026-03-09')).toMatchObject({ percent: 5 });
    expect(t.at('m2', '2026-03-10')).toMatchObject({ percent: 15 });
  });

  it('holds a value seen on many rows once (a list by its content), and grows past its first columns', () => {
    const t = timeline();
    for (let i = 0; i < 3_000; i += 1)
      t.record(`m${i}`, '2026-03-02', doc('in_progress', i % 10, [{ dueDate: '2026-04-01' }]));
    const a = t.at('m1', '2026-03-02');
    const b = t.at('m2999', '2026-03-02');
    expect(a?.milestones).toEqual([{ dueDate: '2026-04-01' }]);
    expect(b?.milestones).toBe(a?.milestones);
    expect(b?.percent).toBe(9);
    expect(t.size).toBe(3_000);
    t.clear();
    expect([t.size, t.at('m1', '2026-03-02')]).toEqual([0, undefined]);
  });
});
