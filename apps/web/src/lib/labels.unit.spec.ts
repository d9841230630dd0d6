import { formatPercent } from './percent';
import { LIGHTS, lightLegend, roleLabel, statusLabel } from './labels';

describe('light legend', () => {
  it('names every light in words, each with its own colour', () => {
    expect(LIGHTS.map((l) => [l.light, l.label])).toEqual([
      ['red', '逾期'],
      ['yellow', '临期'],
      ['blue', '正常推进'],
      ['green', '已销号'],
    ]);
    expect(new Set(LIGHTS.map((l) => l.hex)).size).toBe(4);
    expect(lightLegend('yellow').label).toBe('临期');
  });

  it('speaks statuses and roles in Chinese, the secretary by post', () => {
    expect(statusLabel('submitted')).toBe('待销号');
    expect(roleLabel('leader', true)).toBe('党组书记');
    expect(roleLabel('leader')).toBe('党组成员');
    expect(roleLabel('department_head')).toBe('部门负责人');
  });
});

describe('formatPercent', () => {
  it('prints a rate with one decimal and no trailing zero', () => {
    expect(formatPercent(0.6667)).toBe('66.7%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0.5)).toBe('50%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.0833, 0)).toBe('8%');
  });

  it('prints a dash when there is nothing to divide', () => {
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(undefined)).toBe('—');
  });
});
