import { BlobNotFoundError, BlobStore, hashStream } from '@tracker/blob-store';
import { decodeEvent } from '@tracker/domain';
import { RecordedEvent } from '@tracker/event-store';

export interface EvidenceFileFailure {
  measureId: string;
  attachmentId: string;
  fileName: string;
  expectedSha256: string;
  /** null: no file is stored under the hash. */
  foundSha256: string | null;
  problem: 'missing' | 'altered';
}

/**
 * Re-reads every file an EvidenceAttached event names and hashes it again. A file named by several
 * attachments (the same content, stored once) is read once; each attachment on it is reported.
 */
export async function checkEvidenceFiles(
  events: readonly RecordedEvent[],
  blobs: BlobStore,
): Promise<{ store: string; checked: number; failures: EvidenceFileFailure[] }> {
  const byHash = new Map<string, { measureId: string; attachmentId: string; fileName: string }[]>();
  for (const recorded of events) {
    if (recorded.type !== 'EvidenceAttached') continue;
    const event = decodeEvent(recorded);
    if (event?.type !== 'EvidenceAttached') continue;
    const { sha256, measureId, attachmentId, fileName } = event.data;
    byHash.set(sha256, [...(byHash.get(sha256) ?? []), { measureId, attachmentId, fileName }]);
  }
  const failures: EvidenceFileFailure[] = [];
  for (const [expected, attachments] of byHash) {
    let found: string | null;
    try {
      found = (await hashStream(await blobs.open(expected))).sha256;
    } catch (error) {
      if (!(error instanceof BlobNotFoundError)) throw error;
      found = null;
    }
    if (found === expected) continue;
    for (const a of attachments)
      failures.push({
        ...a,
        expectedSha256: expected,
        foundSha256: found,
        problem: found === null ? 'missing' : 'altered',
      });
  }
  return { store: blobs.kind, checked: byHash.size, failures };
}
