/**
 * EventStoreDB positions in `$all` are pairs of unsigned 64-bit numbers (commit, prepare),
 * ordered by commit then prepare. The port carries one bigint, so the pair is packed without
 * loss as commit × 2^64 + prepare: the order of packed values is the order of the pairs, and
 * every pair comes back out exactly. Packed values exceed 2^64, so whatever prints or parses a
 * position must treat it as an arbitrary-precision decimal string.
 */

export interface EsdbPosition {
  commit: bigint;
  prepare: bigint;
}

const SHIFT = 64n;
const UINT64_MAX = (1n << SHIFT) - 1n;

/** The largest packed position: both halves at their maximum (39 decimal digits). */
export const MAX_PACKED_POSITION = (UINT64_MAX << SHIFT) | UINT64_MAX;

export function packPosition({ commit, prepare }: EsdbPosition): bigint {
  if (commit < 0n || commit > UINT64_MAX || prepare < 0n || prepare > UINT64_MAX) {
    throw new RangeError(`EventStoreDB position out of range: commit ${commit}, prepare ${prepare}`);
  }
  return (commit << SHIFT) | prepare;
}

export function unpackPosition(position: bigint): EsdbPosition {
  if (position < 0n || position > MAX_PACKED_POSITION) {
    throw new RangeError(`Not a packed EventStoreDB position: ${position}`);
  }
  return { commit: position >> SHIFT, prepare: position & UINT64_MAX };
}
