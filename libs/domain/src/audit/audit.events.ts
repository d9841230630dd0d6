/**
 * Audit anchors (审计锚点): signed statements of what the store held at a point of the feed, so a
 * history rewritten afterwards — a stream's tail deleted, or an event altered and the rest of its
 * chain re-hashed — no longer matches what was signed. Recorded in the `audit` stream; observed
 * facts about the store rather than decisions, so no decider folds them.
 */

/** A stream's last event at the anchored position: its revision (decimal) and its chain hash. */
export interface StreamHead {
  streamName: string;
  revision: string;
  hash: string;
}

/**
 * What an anchor's signature covers. Each anchor lists only the heads that changed since the
 * previous one (in `parts` AnchorHeadsRecorded events before it); `merkleRoot` covers every
 * stream's head, so a bundle can prove one stream's head with a short inclusion proof.
 */
export interface AnchorStatement {
  anchorId: string;
  /** 1 for the court's first anchor, then each next one. */
  sequence: number;
  /** ISO instant. */
  anchoredAt: string;
  trigger: 'schedule' | 'demand';
  /** Global position of the last event anchored (opaque, decimal); null on an empty store. */
  feedPosition: string | null;
  /** Events in the feed up to and including feedPosition. */
  events: number;
  /** Streams that exist at feedPosition. */
  streams: number;
  /** RFC 6962 Merkle tree hash (hex) over every stream's head, sorted by stream name. */
  merkleRoot: string;
  /** How many heads changed since the previous anchor: the length of the recorded list. */
  changedStreams: number;
  /** SHA-256 (hex) of the canonical JSON of that list, in recorded order. */
  headsDigest: string;
  /** How many AnchorHeadsRecorded events carry the list. */
  parts: number;
  previousAnchorId: string | null;
  /** Short fingerprint of the signing key: the first 16 hex digits of SHA-256 over its SPKI DER. */
  keyId: string;
}

/** One part of an anchor's changed heads (parts keep each append small). */
export interface AnchorHeadsRecorded {
  type: 'AnchorHeadsRecorded';
  data: { anchorId: string; part: number; heads: StreamHead[] };
}

/** The anchor itself, signed with the court's Ed25519 key (base64 signature of the statement). */
export interface AuditAnchored {
  type: 'AuditAnchored';
  data: { statement: AnchorStatement; signature: string };
}

export type AuditEvent = AnchorHeadsRecorded | AuditAnchored;

export const AUDIT_STREAM_EVENT_TYPES: readonly AuditEvent['type'][] = [
  'AnchorHeadsRecorded',
  'AuditAnchored',
];
