import { rate } from './rate';

describe('rates (完成率)', () => {
  it('is null with nothing to rate', () => {
    expect(rate(0, 0, 1, 4)).toBeNull();
  });

  it('as a fraction with four places, the board and ledger totals', () => {
    expect(rate(7, 9, 1, 4)).toBe(0.7778);
    expect(rate(1, 3, 1, 4)).toBe(0.3333);
  });

  it('as a percentage with one place, the bulletin and the report sentence', () => {
    expect(rate(7, 9, 100, 1)).toBe(77.8);
    expect(rate(1, 8, 100, 1)).toBe(12.5);
    expect(rate(2, 3, 100, 1)).toBe(66.7);
  });
});
