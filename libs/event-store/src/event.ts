/**
 * The shapes of events as the store sees them. Revisions and positions are bigint
 * because EventStoreDB's are 64-bit; they are written out as exact decimal strings.
 */

/** Who caused an event and why: carried by every event, set by the application layer. */
export interface EventMetadata {
  actor: { userId: string; role: string };
  /** ISO-8601 instant at which the command was accepted (from the injected clock). */
  recordedAt: string;
  correlationId: string;
  causationId: string | null;
  /** The Idempotency-Key of the command that caused the event, if the client sent one. */
  idempotencyKey: string | null;
  /** The command type that caused the event, so a reused key with another command is detected. */
  command: string | null;
  /**
   * Fingerprint of the command's input, so the same key sent with a different body is refused
   * instead of silently answered with the first result. Absent on events recorded without a key.
   */
  commandHash?: string | null;
}

export interface NewEvent<Data = unknown> {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
}

export interface RecordedEvent<Data = unknown> extends NewEvent<Data> {
  streamName: string;
  /** 0-based number of the event within its stream. */
  revision: bigint;
  /** Position in the global ordered feed; strictly increasing, not necessarily contiguous. */
  position: bigint;
  /** SHA-256 (hex) of the canonical content chained to `previousHash`. */
  hash: string;
  /** Hash of the previous event in the same stream; null for revision 0. */
  previousHash: string | null;
}

/**
 * What a fold (a projection catching up) reads of a recorded event: everything but the integrity
 * chain. The schema version lets the decoder upcast; the revision is a read model's ETag. An
 * adapter may parse `metadata` only when it is first read.
 */
export type FeedEvent<Data = unknown> = Pick<
  RecordedEvent<Data>,
  'eventId' | 'type' | 'schemaVersion' | 'streamName' | 'revision' | 'position' | 'data' | 'metadata'
>;

/**
 * `no_stream`: the stream must not exist; `stream_exists`: it must; `any`: no check;
 * a bigint: the revision of the stream's last event must be exactly that.
 */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | bigint;

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  nextExpectedRevision: bigint;
  /** Global position of the last appended event. */
  position: bigint;
}
