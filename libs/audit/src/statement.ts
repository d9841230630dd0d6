import { createHash, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { AnchorStatement, StreamHead } from '@tracker/domain';
import { canonicalJson } from '@tracker/event-store';
import { leafHash } from './merkle';

/** The bytes an anchor's signature covers: the statement's canonical JSON. */
function statementBytes(statement: AnchorStatement): Buffer {
  return Buffer.from(canonicalJson(statement), 'utf8');
}

/** Ed25519 signature (base64) of the statement. */
export function signStatement(statement: AnchorStatement, privateKey: KeyObject): string {
  return sign(null, statementBytes(statement), privateKey).toString('base64');
}

export function signatureValid(statement: AnchorStatement, signature: string, publicKey: KeyObject): boolean {
  try {
    return verify(null, statementBytes(statement), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** First 16 hex digits of SHA-256 over the key's SPKI DER: names the key an anchor was signed with. */
export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

export function publicKeyFromPem(pem: string): KeyObject {
  return createPublicKey(pem);
}

/**
 * 校验码: what a printed document carries of the anchor it was made against — 16 hex digits of
 * SHA-256 over the signed statement and its signature, in four groups (3F9A-C2E1-7B04-D5E8).
 */
export function anchorFingerprint(statement: AnchorStatement, signature: string): string {
  const digest = createHash('sha256')
    .update(canonicalJson({ statement, signature }), 'utf8')
    .digest('hex')
    .slice(0, 16)
    .toUpperCase();
  return digest.match(/.{4}/g)!.join('-');
}

/** SHA-256 (hex) of the canonical JSON of a list of heads, as the statement's headsDigest. */
export function headsDigest(heads: readonly StreamHead[]): string {
  return createHash('sha256').update(canonicalJson(heads), 'utf8').digest('hex');
}

/** A stream head as a Merkle leaf. */
export function headLeaf(head: StreamHead): Buffer {
  return leafHash(JSON.stringify([head.streamName, head.revision, head.hash]));
}

/** Heads in tree order: by stream name, compared by UTF-16 code unit as canonicalJson sorts keys. */
export function sortHeads(heads: StreamHead[]): StreamHead[] {
  return heads.sort((a, b) => (a.streamName < b.streamName ? -1 : a.streamName > b.streamName ? 1 : 0));
}
