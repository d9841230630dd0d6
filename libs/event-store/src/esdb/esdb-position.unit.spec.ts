import { MAX_PACKED_POSITION, packPosition, unpackPosition } from './esdb-position';

const UINT64_MAX = 18_446_744_073_709_551_615n;

describe('packing EventStoreDB positions into one bigint', () => {
  it('round-trips every pair exactly, including the 64-bit extremes', () => {
    const pairs = [
      { commit: 0n, prepare: 0n },
      { commit: 1n, prepare: 0n },
      { commit: 0n, prepare: UINT64_MAX },
      { commit: UINT64_MAX, prepare: UINT64_MAX },
      { commit: 9_007_199_254_740_993n, prepare: 9_007_199_254_740_991n },
    ];
    for (const pair of pairs) expect(unpackPosition(packPosition(pair))).toEqual(pair);
    expect(packPosition({ commit: UINT64_MAX, prepare: UINT64_MAX })).toBe(MAX_PACKED_POSITION);
    expect(MAX_PACKED_POSITION.toString()).toHaveLength(39);
  });

  it('orders packed values as EventStoreDB orders positions: by commit, then prepare', () => {
    const ordered = [
      { commit: 100n, prepare: 100n },
      { commit: 300n, prepare: 120n },
      { commit: 300n, prepare: 250n },
      { commit: 301n, prepare: 0n },
      { commit: UINT64_MAX, prepare: 0n },
    ].map(packPosition);

    expect([...ordered].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(ordered);
    expect(new Set(ordered).size).toBe(ordered.length);
  });

  it('refuses values that are not 64-bit halves', () => {
    expect(() => packPosition({ commit: -1n, prepare: 0n })).toThrow(RangeError);
    expect(() => packPosition({ commit: 0n, prepare: UINT64_MAX + 1n })).toThrow(RangeError);
    expect(() => unpackPosition(MAX_PACKED_POSITION + 1n)).toThrow(RangeError);
    expect(() => unpackPosition(-1n)).toThrow(RangeError);
  });
});
