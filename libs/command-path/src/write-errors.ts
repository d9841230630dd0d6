/** If-Match named a revision the stream has moved past (HTTP 412). */
export class PreconditionFailedError extends Error {
  constructor(
    readonly expected: bigint,
    readonly actual: bigint | null,
  ) {
    super(`Stale If-Match: expected revision ${expected}, stream is at ${actual ?? 'nothing'}`);
    this.name = 'PreconditionFailedError';
  }
}

/** Another write landed between our read and our append (HTTP 409). */
export class WriteConflictError extends Error {
  constructor(readonly streamName: string) {
    super(`Concurrent write on ${streamName}`);
    this.name = 'WriteConflictError';
  }
}

/** The same Idempotency-Key was sent with a different command (HTTP 422). */
export class IdempotencyKeyReusedError extends Error {
  constructor(
    readonly key: string,
    readonly recordedCommand: string | null,
  ) {
    super(`Idempotency-Key ${key} was already used for ${recordedCommand ?? 'another command'}`);
    this.name = 'IdempotencyKeyReusedError';
  }
}
