import { createHash, sign } from 'node:crypto';
import { AnchorStatement, decodeEvent, StreamHead, streams } from '@tracker/domain';
import { RecordedEvent } from '@tracker/event-store';
import { AuditKey } from './audit-key';
import {
  BUNDLE_FILES,
  BUNDLE_FORMAT,
  BundleAnchor,
  BundleAttachment,
  BundleEvent,
  BundleManifest,
  BundleStream,
  HeadProof,
} from './bundle';
import { inclusionProof } from './merkle';
import { headLeaf, sortHeads } from './statement';

export interface BundleContents {
  manifest: Omit<BundleManifest, 'format' | 'keyId' | 'streams' | 'files'>;
  /** The exported events in feed order. */
  events: readonly RecordedEvent[];
  /** The whole audit stream: the anchors and the heads they recorded. */
  auditStream: readonly RecordedEvent[];
  /** history.xlsx, made from the same events. */
  history: Buffer;
  readme: string;
}

/** The files of an audit bundle, manifest signed with the court key. */
export function buildBundle(contents: BundleContents, key: AuditKey): Map<string, Buffer> {
  const lines = contents.events.map((e) => JSON.stringify(bundleEvent(e)));
  const events = Buffer.from(lines.length === 0 ? '' : `${lines.join('\n')}\n`, 'utf8');
  const ranges = streamRanges(contents.events);
  const anchors = Buffer.from(
    JSON.stringify(anchorsWithProofs(contents.auditStream, ranges), null, 1),
    'utf8',
  );
  const attachments = Buffer.from(JSON.stringify(attachmentsOf(contents.events), null, 1), 'utf8');
  const publicKey = Buffer.from(key.publicKeyPem, 'utf8');
  const readme = Buffer.from(contents.readme, 'utf8');
  const vouched: [string, Buffer][] = [
    [BUNDLE_FILES.events, events],
    [BUNDLE_FILES.anchors, anchors],
    [BUNDLE_FILES.attachments, attachments],
    [BUNDLE_FILES.history, contents.history],
  ];
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    ...contents.manifest,
    keyId: key.keyId,
    streams: [...ranges.values()],
    files: Object.fromEntries(
      vouched.map(([name, bytes]) => [name, createHash('sha256').update(bytes).digest('hex')]),
    ),
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 1), 'utf8');
  return new Map<string, Buffer>([
    [BUNDLE_FILES.readme, readme],
    [BUNDLE_FILES.manifest, manifestBytes],
    [
      BUNDLE_FILES.manifestSignature,
      Buffer.from(sign(null, manifestBytes, key.privateKey).toString('base64')),
    ],
    [BUNDLE_FILES.publicKey, publicKey],
    ...vouched,
  ]);
}

function bundleEvent(e: RecordedEvent): BundleEvent {
  return {
    position: e.position.toString(),
    streamName: e.streamName,
    revision: e.revision.toString(),
    eventId: e.eventId,
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: e.data,
    metadata: e.metadata,
    hash: e.hash,
    previousHash: e.previousHash,
  };
}

function streamRanges(events: readonly RecordedEvent[]): Map<string, BundleStream> {
  const ranges = new Map<string, BundleStream>();
  for (const e of events) {
    const range = ranges.get(e.streamName);
    if (range === undefined)
      ranges.set(e.streamName, {
        streamName: e.streamName,
        firstRevision: e.revision.toString(),
        lastRevision: e.revision.toString(),
        events: 1,
      });
    else {
      range.lastRevision = e.revision.toString();
      range.events += 1;
    }
  }
  return ranges;
}

/**
 * Every anchor, each with the Merkle proofs of the heads it newly recorded for the bundle's
 * streams — where that head lies inside the bundle, so the verifier can hold the event against it.
 */
function anchorsWithProofs(
  auditStream: readonly RecordedEvent[],
  ranges: Map<string, BundleStream>,
): BundleAnchor[] {
  const heads = new Map<string, StreamHead>();
  const pending = new Map<string, StreamHead[]>();
  const anchors: BundleAnchor[] = [];
  for (const recorded of auditStream) {
    const event = decodeEvent(recorded);
    if (event?.type === 'AnchorHeadsRecorded') {
      pending.set(event.data.anchorId, [...(pending.get(event.data.anchorId) ?? []), ...event.data.heads]);
      continue;
    }
    if (event?.type !== 'AuditAnchored') continue;
    const statement: AnchorStatement = event.data.statement;
    const changed = pending.get(statement.anchorId) ?? [];
    for (const h of changed) heads.set(h.streamName, h);
    pending.clear();
    // Each head is proven at the anchor where it became the head: later anchors carry it unchanged.
    const proven = new Set(changed.filter((h) => inBundle(h, ranges)).map((h) => h.streamName));
    let proofs: HeadProof[] = [];
    if (proven.size > 0) {
      const tree = sortHeads([...heads.values()]);
      const leaves = tree.map(headLeaf);
      proofs = tree.flatMap((head, leafIndex) =>
        proven.has(head.streamName)
          ? [
              {
                ...head,
                leafIndex,
                treeSize: tree.length,
                proof: inclusionProof(leaves, leafIndex).map((p) => p.toString('hex')),
              },
            ]
          : [],
      );
    }
    anchors.push({ statement, signature: event.data.signature, heads: proofs });
  }
  return anchors;
}

function inBundle(head: StreamHead, ranges: Map<string, BundleStream>): boolean {
  const range = ranges.get(head.streamName);
  if (range === undefined || head.streamName === streams.audit()) return false;
  const revision = BigInt(head.revision);
  return revision >= BigInt(range.firstRevision) && revision <= BigInt(range.lastRevision);
}

function attachmentsOf(events: readonly RecordedEvent[]): BundleAttachment[] {
  return events.flatMap((recorded) => {
    const event = decodeEvent(recorded);
    if (event?.type !== 'EvidenceAttached') return [];
    const { measureId, attachmentId, fileName, mediaType, size, sha256 } = event.data;
    return [{ measureId, attachmentId, fileName, mediaType, size, sha256, eventId: recorded.eventId }];
  });
}
