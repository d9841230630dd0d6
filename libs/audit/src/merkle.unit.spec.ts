import { createHash } from 'node:crypto';
import { inclusionProof, leafHash, merkleRoot, rootFromProof } from './merkle';

const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(`stream-${i}`));
const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();

describe('Merkle tree over stream heads (RFC 6962)', () => {
  it('given three leaves, then the root is H(1|H(1|a|b)|c): the lone leaf moves up unchanged', () => {
    const [a, b, c] = leaves(3);
    const one = Buffer.from([1]);
    expect(merkleRoot([a, b, c]).equals(sha(one, sha(one, a, b), c))).toBe(true);
  });

  it('given no leaves, then the root is the hash of nothing', () => {
    expect(merkleRoot([]).toString('hex')).toBe(createHash('sha256').digest('hex'));
  });

  it('given any tree up to 33 leaves, then every leaf proves its way to the root, and only to its own place', () => {
    for (let size = 1; size <= 33; size += 1) {
      const tree = leaves(size);
      const root = merkleRoot(tree);
      for (let i = 0; i < size; i += 1) {
        const proof = inclusionProof(tree, i);
        expect(rootFromProof(tree[i], i, size, proof)?.equals(root)).toBe(true);
        if (size > 1)
          expect(rootFromProof(tree[i], (i + 1) % size, size, proof)?.equals(root) ?? false).toBe(false);
      }
    }
  });

  it('given a leaf of changed content or a proof cut short, then the root differs or no root comes out', () => {
    const tree = leaves(10);
    const proof = inclusionProof(tree, 4);
    expect(rootFromProof(leafHash('stream-4 altered'), 4, 10, proof)?.equals(merkleRoot(tree))).toBe(false);
    expect(rootFromProof(tree[4], 4, 10, proof.slice(1))).toBeNull();
  });
});
