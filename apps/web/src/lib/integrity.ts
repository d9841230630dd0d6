/**
 * What GET /api/v1/audit/integrity answers, and how an inspector reads it: one title, each
 * problem in a sentence, and what is not yet covered by a signed anchor.
 */
import { courtMinute } from './audit';

export interface HeadProblem {
  streamName: string;
  sequence: number;
  anchoredAt: string;
  anchoredRevision: string;
  anchoredHash: string;
  problem: 'altered' | 'missing';
  now: { revision: string; hash: string } | null;
}

export interface IntegrityReport {
  ok: boolean;
  streams: number;
  events: number;
  failures: { streamName: string; revision: string; reason: string }[];
  anchors: { count: number; trusted: number; latest: { sequence: number; anchoredAt: string } | null };
  anchorProblems: {
    sequence: number;
    anchoredAt: string;
    problem: 'signature_invalid' | 'other_key' | 'heads_incomplete';
  }[];
  headProblems: HeadProblem[];
  unanchored: { events: number; streams: number; sampleStreams: string[] };
  files: {
    checked: number;
    failures: { fileName: string; measureId: string; problem: 'missing' | 'altered' }[];
  };
  checkedThrough: string | null;
}

export interface IntegritySummary {
  ok: boolean;
  title: string;
  problems: string[];
  /** What the check could not vouch for with a signature, or null. */
  note: string | null;
}

const short = (hash: string) => `${hash.slice(0, 12)}…`;

function headSentence(h: HeadProblem): string {
  const anchor = `第${h.sequence}号锚点（${courtMinute(h.anchoredAt)}）锚定的第 ${h.anchoredRevision} 版（${short(h.anchoredHash)}）`;
  if (h.problem === 'altered')
    return `事件流 ${h.streamName}：${anchor}现在的哈希为 ${short(h.now?.hash ?? '')}，历史被改写`;
  if (h.now === null) return `事件流 ${h.streamName}：${anchor}已不存在，整条事件流被删除`;
  return `事件流 ${h.streamName}：${anchor}已不存在，现在只到第 ${h.now.revision} 版（${short(h.now.hash)}），末尾事件被删除`;
}

const ANCHOR_PROBLEMS = {
  signature_invalid: '签名无效',
  other_key: '不是本院审计密钥签发的',
  heads_incomplete: '记录的流头不完整',
} as const;

export function integritySummary(r: IntegrityReport): IntegritySummary {
  const problems = [
    ...r.failures.map((f) => `事件流 ${f.streamName} 第 ${f.revision} 版：哈希链断裂（${f.reason}）`),
    ...r.headProblems.map(headSentence),
    ...r.anchorProblems.map(
      (a) => `第${a.sequence}号锚点（${courtMinute(a.anchoredAt)}）${ANCHOR_PROBLEMS[a.problem]}`,
    ),
    ...r.files.failures.map(
      (f) => `佐证材料「${f.fileName}」${f.problem === 'missing' ? '已缺失' : '内容被改动（哈希不符）'}`,
    ),
  ];
  const scope = `${r.streams} 条事件流、${r.events} 个事件`;
  const latest = r.anchors.latest;
  const note =
    latest === null
      ? '尚无审计锚点：哈希链已逐个事件校验，但整条改写并重新计算哈希的事件流只有锚点才能发现。请生成审计锚点。'
      : r.unanchored.events > 0
        ? `另有 ${r.unanchored.events} 个事件（${r.unanchored.streams} 条事件流）记录于最新锚点（第${latest.sequence}号，${courtMinute(latest.anchoredAt)}）之后，尚未锚定：哈希链已校验，签名待下一次锚点。`
        : null;
  if (problems.length === 0)
    return {
      ok: true,
      title: `校验通过：${scope}的哈希链完整，与 ${r.anchors.trusted} 个审计锚点一致；${
        r.files.checked === 0 ? '尚无佐证材料' : `${r.files.checked} 份佐证材料未被改动`
      }。`,
      problems,
      note,
    };
  return { ok: false, title: `校验未通过：发现 ${problems.length} 处问题（共 ${scope}）`, problems, note };
}
