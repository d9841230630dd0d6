import { PairMemo } from './pair-memo';

function counted(limit: number) {
  const calls: string[] = [];
  const memo = new PairMemo<string, number, string>((a, b) => {
    calls.push(`${a}+${b}`);
    return `${a}:${b}`;
  }, limit);
  return { memo, calls };
}

describe('PairMemo: results remembered by two keys, forgotten all at once past a limit', () => {
  it('given a pair asked before, when asked again, then the remembered result is returned without computing it again', () => {
    const { memo, calls } = counted(10);
    expect(memo.of('a', 1)).toBe('a:1');
    expect(memo.of('a', 1)).toBe('a:1');
    expect(calls).toEqual(['a+1']);
  });

  it('given pairs that share a first or a second key, when asked, then each pair has its own result', () => {
    const { memo, calls } = counted(10);
    expect([memo.of('a', 1), memo.of('a', 2), memo.of('b', 1)]).toEqual(['a:1', 'a:2', 'b:1']);
    expect(calls).toEqual(['a+1', 'a+2', 'b+1']);
  });

  it('given the limit reached, when a new pair is asked, then everything is forgotten and computed again when asked', () => {
    const { memo, calls } = counted(2);
    memo.of('a', 1);
    memo.of('a', 2);
    expect(memo.remembered).toBe(2);
    expect(memo.of('b', 1)).toBe('b:1');
    expect(memo.remembered).toBe(1);
    expect(memo.of('a', 1)).toBe('a:1');
    expect(calls).toEqual(['a+1', 'a+2', 'b+1', 'a+1']);
  });

  it('given one first key asked with ever new second keys, when past the limit, then it stays bounded', () => {
    const { memo } = counted(100);
    for (let n = 0; n < 1_000; n += 1) memo.of('a', n);
    expect(memo.remembered).toBeLessThanOrEqual(100);
    expect(memo.of('a', 999)).toBe('a:999');
  });
});
