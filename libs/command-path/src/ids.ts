import { createHash, randomUUID } from 'node:crypto';

/**
 * Ids derived from a retried command's Idempotency-Key are the same on every retry, so the
 * retry finds what the first attempt recorded instead of creating a twin.
 * Shaped like a name-based (version 5) UUID, hashed with SHA-256.
 */
export function deterministicId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function newId(): string {
  return randomUUID();
}

/**
 * The id of a thing a command creates: stable across retries of the same Idempotency-Key, and
 * scoped to where it is created (the campaign of a problem, the measure of an outcome…), so a key
 * reused elsewhere creates something new instead of pointing at the earlier thing.
 */
export function idForCommand(
  meta: { actor: { userId: string }; idempotencyKey: string | null },
  purpose: string,
  scope: string,
): string {
  return meta.idempotencyKey
    ? deterministicId(meta.actor.userId, meta.idempotencyKey, purpose, scope)
    : newId();
}
