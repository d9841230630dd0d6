import { createHash } from 'node:crypto';

/**
 * The Merkle tree hash of RFC 6962 (Certificate Transparency), over stream heads: leaves are
 * hashed with a 0x00 prefix and inner nodes with 0x01, so a leaf can never pass for a node. A
 * level's last node without a partner moves up unchanged, which is the RFC's tree.
 */

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export function leafHash(data: string): Buffer {
  return createHash('sha256').update(LEAF).update(data, 'utf8').digest();
}

function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(NODE).update(left).update(right).digest();
}

/** The root over leaf hashes in order; the hash of the empty string for no leaves. */
export function merkleRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return createHash('sha256').digest();
  let level = leaves;
  while (level.length > 1) level = parentLevel(level);
  return level[0];
}

function parentLevel(level: readonly Buffer[]): Buffer[] {
  const parents: Buffer[] = [];
  for (let i = 0; i < level.length; i += 2)
    parents.push(i + 1 < level.length ? nodeHash(level[i], level[i + 1]) : level[i]);
  return parents;
}

/** The audit path of leaf `index`: the sibling hashes from the leaf up, in the order they join it. */
export function inclusionProof(leaves: readonly Buffer[], index: number): Buffer[] {
  if (index < 0 || index >= leaves.length) throw new RangeError(`leaf ${index} of ${leaves.length}`);
  const proof: Buffer[] = [];
  let level = leaves;
  let at = index;
  while (level.length > 1) {
    const sibling = at % 2 === 1 ? at - 1 : at + 1;
    if (sibling < level.length) proof.push(level[sibling]);
    level = parentLevel(level);
    at = Math.floor(at / 2);
  }
  return proof;
}

/** The root that leaf `index` of a tree of `size` leaves leads to along `proof`; null if the proof has the wrong length. */
export function rootFromProof(
  leaf: Buffer,
  index: number,
  size: number,
  proof: readonly Buffer[],
): Buffer | null {
  if (index < 0 || index >= size) return null;
  let hash = leaf;
  let at = index;
  let width = size;
  let used = 0;
  while (width > 1) {
    if (at % 2 === 1) {
      if (used >= proof.length) return null;
      hash = nodeHash(proof[used++], hash);
    } else if (at + 1 < width) {
      if (used >= proof.length) return null;
      hash = nodeHash(hash, proof[used++]);
    }
    at = Math.floor(at / 2);
    width = Math.ceil(width / 2);
  }
  return used === proof.length ? hash : null;
}
