import { AnchorStatement } from '@tracker/domain';

/**
 * The audit export (审计导出包): a zip anyone can verify offline with the court's public key.
 * The server signs manifest.json, which holds every other file's SHA-256 and each stream's range.
 */
export const BUNDLE_FORMAT = 'tracker-audit-bundle/1';

export const BUNDLE_FILES = {
  manifest: 'manifest.json',
  manifestSignature: 'manifest.sig',
  events: 'events.jsonl',
  anchors: 'anchors.json',
  attachments: 'attachments.json',
  publicKey: 'public-key.pem',
  history: 'history.xlsx',
  readme: 'README.txt',
} as const;

/** One line of events.jsonl: a recorded event as the store holds it, revisions and positions in decimal. */
export interface BundleEvent {
  position: string;
  streamName: string;
  revision: string;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
  hash: string;
  previousHash: string | null;
}

export interface BundleStream {
  streamName: string;
  /** The first revision in the bundle: 0 unless `from` left earlier events out. */
  firstRevision: string;
  lastRevision: string;
  events: number;
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  courtName: string;
  exportedAt: string;
  exportedBy: { userId: string; name: string | null; role: string };
  scope: { campaignId: string | null; measureId: string | null; from: string | null; to: string | null };
  keyId: string;
  streams: BundleStream[];
  /** SHA-256 (hex) of each file the signature vouches for. */
  files: Record<string, string>;
}

/** A stream's head at an anchor, with the Merkle path from its leaf to the anchor's root. */
export interface HeadProof {
  streamName: string;
  revision: string;
  hash: string;
  leafIndex: number;
  treeSize: number;
  /** Sibling hashes (hex), from the leaf up. */
  proof: string[];
}

/** anchors.json: every anchor up to the export, each with proofs for the bundle's streams it covers. */
export interface BundleAnchor {
  statement: AnchorStatement;
  signature: string;
  heads: HeadProof[];
}

/** attachments.json: the files (佐证材料) the bundle's events attach, by hash. */
export interface BundleAttachment {
  measureId: string;
  attachmentId: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  /** The event that attached it, so the verifier ties the hash to the chained record. */
  eventId: string;
}
