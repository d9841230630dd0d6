import { Actor } from '@tracker/domain';

/** What the HTTP layer (or the demo seeder) hands to every command besides its data. */
export interface CommandMeta {
  actor: Actor;
  /** The client's Idempotency-Key, scoped to the actor; null when none was sent. */
  idempotencyKey: string | null;
  /** From If-Match: the stream revision the client last saw. Undefined: no precondition. */
  expectedRevision?: bigint;
  correlationId: string;
  causationId: string | null;
  /**
   * Only the demo seeder sets this, to lay out a believable history over past weeks; HTTP
   * requests never can, so every real event is recorded at the moment it was accepted.
   */
  seededAt?: Date;
}
