import { createHash, createPublicKey, KeyObject, verify } from 'node:crypto';
import { computeEventHash } from '@tracker/event-store';
import {
  BUNDLE_FILES,
  BUNDLE_FORMAT,
  BundleAnchor,
  BundleAttachment,
  BundleEvent,
  BundleManifest,
} from './bundle';
import { rootFromProof } from './merkle';
import { headLeaf, keyIdOf, signatureValid } from './statement';

export interface BundleVerdict {
  ok: boolean;
  /** What was checked, for the OK line. */
  checked: { events: number; streams: number; anchors: number; heads: number; attachments: number };
  /** Each problem in words (Chinese), naming the file, the line and the event. */
  failures: string[];
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Verifies an audit bundle from its files alone: the manifest's signature and file hashes, every
 * stream's hash chain line by line, the feed order, each stream's range against the manifest,
 * every anchor's signature and each anchored head's Merkle proof, and the attachments' hashes
 * against the events that recorded them. No server, no database.
 */
export function verifyBundle(files: ReadonlyMap<string, Buffer>): BundleVerdict {
  const failures: string[] = [];
  const checked = { events: 0, streams: 0, anchors: 0, heads: 0, attachments: 0 };
  const file = (name: string): Buffer | null => {
    const bytes = files.get(name);
    if (bytes === undefined) failures.push(`缺少文件 ${name}`);
    return bytes ?? null;
  };
  const manifestBytes = file(BUNDLE_FILES.manifest);
  const signature = file(BUNDLE_FILES.manifestSignature);
  const pem = file(BUNDLE_FILES.publicKey);
  if (manifestBytes === null || signature === null || pem === null) return { ok: false, checked, failures };

  let publicKey: KeyObject;
  let manifest: BundleManifest;
  try {
    publicKey = createPublicKey(pem);
    manifest = JSON.parse(manifestBytes.toString('utf8')) as BundleManifest;
  } catch (error) {
    return {
      ok: false,
      checked,
      failures: [
        `${BUNDLE_FILES.publicKey} 或 ${BUNDLE_FILES.manifest} 无法读取：${(error as Error).message}`,
      ],
    };
  }
  if (manifest.format !== BUNDLE_FORMAT)
    failures.push(`${BUNDLE_FILES.manifest}：不是可识别的导出包格式（${String(manifest.format)}）`);
  if (!verify(null, manifestBytes, publicKey, Buffer.from(signature.toString('utf8').trim(), 'base64')))
    failures.push(`${BUNDLE_FILES.manifest} 的签名无效：清单在导出后被改动，或不是这把公钥签发的`);
  if (manifest.keyId !== keyIdOf(publicKey))
    failures.push(
      `${BUNDLE_FILES.manifest} 记录的密钥 ${manifest.keyId} 不是 ${BUNDLE_FILES.publicKey}（${keyIdOf(publicKey)}）`,
    );
  for (const [name, expected] of Object.entries(manifest.files ?? {})) {
    const bytes = file(name);
    if (bytes !== null && sha256(bytes) !== expected)
      failures.push(`${name} 的 SHA-256 与清单不符：文件在导出后被改动（见下列具体事件）`);
  }

  const events = readEvents(file(BUNDLE_FILES.events), manifest, failures);
  checked.events = events.byKey.size;
  checked.streams = manifest.streams.length;
  checkAnchors(file(BUNDLE_FILES.anchors), events.byKey, publicKey, manifest.keyId, failures, checked);
  checkAttachments(file(BUNDLE_FILES.attachments), events.byId, failures, checked);
  return { ok: failures.length === 0, checked, failures };
}

interface ReadEvents {
  byKey: Map<string, BundleEvent>;
  byId: Map<string, BundleEvent>;
}

function readEvents(bytes: Buffer | null, manifest: BundleManifest, failures: string[]): ReadEvents {
  const byKey = new Map<string, BundleEvent>();
  const byId = new Map<string, BundleEvent>();
  if (bytes === null) return { byKey, byId };
  const ranges = new Map(manifest.streams.map((s) => [s.streamName, s]));
  const chains = new Map<string, { next: bigint; hash: string | null; broken: boolean; count: number }>();
  let lastPosition: bigint | null = null;
  const lines = bytes.toString('utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((text, index) => {
    const at = `${BUNDLE_FILES.events} 第${index + 1}行`;
    let event: BundleEvent;
    try {
      event = JSON.parse(text) as BundleEvent;
    } catch {
      failures.push(`${at}：不是有效的 JSON（该行被改动或截断）`);
      return;
    }
    const name = `${at}（事件 ${event.eventId}，${event.streamName} 第${event.revision}号）`;
    const position = BigInt(event.position);
    if (lastPosition !== null && position <= lastPosition)
      failures.push(`${name}：位置 ${event.position} 不在上一行之后，事件顺序被调换`);
    lastPosition = position;
    const range = ranges.get(event.streamName);
    if (range === undefined) {
      failures.push(`${name}：清单中没有这个流`);
      return;
    }
    let chain = chains.get(event.streamName);
    if (!chain) {
      // A bundle cut by `from` starts a stream mid-chain: its first event links to one not exported.
      const first = BigInt(range.firstRevision);
      chain = { next: first, hash: first === 0n ? null : event.previousHash, broken: false, count: 0 };
      chains.set(event.streamName, chain);
    }
    chain.count += 1;
    byKey.set(`${event.streamName}\u0000${event.revision}`, event);
    byId.set(event.eventId, event);
    if (chain.broken) return;
    const revision = BigInt(event.revision);
    const problem =
      revision !== chain.next
        ? `应为第${chain.next}号，却是第${revision}号：缺少事件或顺序被调换`
        : event.previousHash !== chain.hash
          ? `previousHash 与上一事件的哈希不相接`
          : computeEventHash({ ...event, revision }, chain.hash) !== event.hash
            ? `内容与其哈希 ${event.hash.slice(0, 16)}… 不符：事件被改动`
            : null;
    if (problem !== null) {
      failures.push(`${name}：${problem}`);
      chain.broken = true;
      return;
    }
    chain.next = revision + 1n;
    chain.hash = event.hash;
  });
  for (const range of manifest.streams) {
    const chain = chains.get(range.streamName);
    if (chain === undefined) failures.push(`${BUNDLE_FILES.events}：缺少流 ${range.streamName} 的全部事件`);
    else if (!chain.broken && (chain.next - 1n).toString() !== range.lastRevision)
      failures.push(
        `${BUNDLE_FILES.events}：流 ${range.streamName} 在清单中到第${range.lastRevision}号为止，文件只到第${chain.next - 1n}号：末尾事件被删除`,
      );
    else if (chain.count !== range.events)
      failures.push(
        `${BUNDLE_FILES.events}：流 ${range.streamName} 应有 ${range.events} 个事件，文件中有 ${chain.count} 个`,
      );
  }
  return { byKey, byId };
}

function checkAnchors(
  bytes: Buffer | null,
  events: Map<string, BundleEvent>,
  publicKey: KeyObject,
  keyId: string,
  failures: string[],
  checked: BundleVerdict['checked'],
): void {
  if (bytes === null) return;
  let anchors: BundleAnchor[];
  try {
    anchors = JSON.parse(bytes.toString('utf8')) as BundleAnchor[];
  } catch {
    failures.push(`${BUNDLE_FILES.anchors} 不是有效的 JSON`);
    return;
  }
  for (const anchor of anchors) {
    checked.anchors += 1;
    const name = `审计锚点第${anchor.statement.sequence}号（${anchor.statement.anchoredAt}）`;
    if (anchor.statement.keyId !== keyId || !signatureValid(anchor.statement, anchor.signature, publicKey)) {
      failures.push(`${name}：签名无效，或不是法院的密钥签发的`);
      continue;
    }
    const root = Buffer.from(anchor.statement.merkleRoot, 'hex');
    for (const head of anchor.heads) {
      checked.heads += 1;
      const leaf = headLeaf(head);
      const derived = rootFromProof(
        leaf,
        head.leafIndex,
        head.treeSize,
        head.proof.map((p) => Buffer.from(p, 'hex')),
      );
      if (derived === null || !derived.equals(root) || head.treeSize !== anchor.statement.streams) {
        failures.push(`${name}：流 ${head.streamName} 第${head.revision}号的证明与锚点的默克尔根不符`);
        continue;
      }
      const event = events.get(`${head.streamName}\u0000${head.revision}`);
      if (event === undefined)
        failures.push(
          `${name}：锚定了 ${head.streamName} 第${head.revision}号（${head.hash.slice(0, 16)}…），导出包中没有这个事件`,
        );
      else if (event.hash !== head.hash)
        failures.push(
          `${name}：锚定的 ${head.streamName} 第${head.revision}号哈希为 ${head.hash.slice(0, 16)}…，导出包中为 ${event.hash.slice(0, 16)}…：历史被改写`,
        );
    }
  }
}

function checkAttachments(
  bytes: Buffer | null,
  events: Map<string, BundleEvent>,
  failures: string[],
  checked: BundleVerdict['checked'],
): void {
  if (bytes === null) return;
  let attachments: BundleAttachment[];
  try {
    attachments = JSON.parse(bytes.toString('utf8')) as BundleAttachment[];
  } catch {
    failures.push(`${BUNDLE_FILES.attachments} 不是有效的 JSON`);
    return;
  }
  for (const a of attachments) {
    checked.attachments += 1;
    const event = events.get(a.eventId);
    const recorded = event?.data as { sha256?: string; attachmentId?: string } | undefined;
    if (
      event?.type !== 'EvidenceAttached' ||
      recorded?.attachmentId !== a.attachmentId ||
      recorded?.sha256 !== a.sha256
    )
      failures.push(`${BUNDLE_FILES.attachments}：佐证材料「${a.fileName}」的 SHA-256 与记录它的事件不符`);
  }
}
