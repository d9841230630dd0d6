import { courtMinute } from './audit';

/** One entry of GET /api/v1/audit/access. */
export interface AccessEntry {
  position: string;
  at: string;
  kind: string;
  type: string;
  who: { id: string; name: string | null; role: string; departmentName: string | null };
  what: {
    path?: string;
    measureId?: string;
    attachmentId?: string;
    campaignId?: string;
    bulletinId?: string;
    fileName?: string | null;
    measure?: { number: string; content: string } | null;
    campaignTitle?: string | null;
    bulletinLabel?: string | null;
    departmentName?: string | null;
  } | null;
  address: string | null;
  outcome: 'granted' | 'refused';
  status: number | null;
  code: string | null;
  username: string | null;
}

/** 访问类型: what the access log records, in the order the picker offers them. */
export const ACCESS_KIND_LABELS: Record<string, string> = {
  sign_in: '登录',
  sign_in_failed: '登录失败',
  sign_in_locked: '登录锁定',
  sign_out: '退出登录',
  ledger_export: '导出销号台账',
  bulletin_export: '导出督办通报',
  report_export: '导出统计表或报告',
  audit_export: '导出审计材料',
  attachment_download: '下载佐证材料',
  measure_history: '查看措施历史',
  audit_feed: '查看审计记录',
  access_log: '查看访问日志',
  audit_findings: '查看审计发现',
};

export const accessKindLabel = (kind: string) => ACCESS_KIND_LABELS[kind] ?? kind;

export interface AccessFilter {
  actor?: string;
  kinds?: readonly string[];
  /** Court-local dates YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
}

export function accessQuery(filter: AccessFilter, after: string | null | undefined, limit: number): string {
  const params = new URLSearchParams();
  params.set('limit', String(limit));
  if (after) params.set('after', after);
  if (filter.actor) params.set('actor', filter.actor);
  if (filter.kinds && filter.kinds.length > 0) params.set('kind', filter.kinds.join(','));
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  return `/api/v1/audit/access?${params.toString()}`;
}

/** What was read, in words: "措施 1.2 逐案建立台账… · 文件 整改方案.pdf". */
export function describeRead(entry: AccessEntry): string {
  const what = entry.what;
  if (!what) return entry.username ? `用户名 ${entry.username}` : '—';
  const parts: string[] = [];
  if (what.measure) parts.push(`措施 ${what.measure.number} ${what.measure.content}`);
  else if (what.measureId) parts.push(`措施 ${what.measureId}`);
  if (what.fileName) parts.push(`文件 ${what.fileName}`);
  if (what.campaignTitle) parts.push(`专项 ${what.campaignTitle}`);
  if (what.bulletinLabel) parts.push(`通报 ${what.bulletinLabel}`);
  if (what.departmentName) parts.push(`部门 ${what.departmentName}`);
  if (parts.length === 0 && what.path) parts.push(what.path);
  return parts.join(' · ');
}

/** One finding of GET /api/v1/audit/findings. */
export interface Finding {
  rule: string;
  measureId: string | null;
  streamName: string | null;
  at: string;
  position: string;
  measure: { number: string; content: string; campaignId: string } | null;
  departmentName: string | null;
  names: Record<string, string | null>;
  [fact: string]: unknown;
}

export const FINDING_LABELS: Record<string, string> = {
  late_extension_approval: '逾期后批准延期',
  repeated_extensions: '多次延期',
  quick_same_department_sign_off: '同部门快速销号',
  on_time_only_by_extension: '延期后才"按期"完成',
  night_decision: '夜间销号或审批',
  write_burst: '短时间大量写入',
};

/** The finding's facts in a sentence an inspector reads. */
export function describeFinding(f: Finding): string {
  const name = (id: unknown) => (typeof id === 'string' ? (f.names[id] ?? id) : '—');
  switch (f.rule) {
    case 'late_extension_approval':
      return `截止日期 ${String(f.previousDueDate)} 已过，${String(f.approvedOn)} 由 ${name(f.approvedBy)} 批准延期至 ${String(f.newDueDate)}`;
    case 'repeated_extensions':
      return `已延期 ${String(f.extensions)} 次`;
    case 'quick_same_department_sign_off':
      return `${name(f.submittedBy)} 提交完成后 ${String(f.minutes)} 分钟，同部门（${f.departmentName ?? '—'}）的 ${name(f.signedOffBy)} 即予销号`;
    case 'on_time_only_by_extension':
      return `原定 ${String(f.originalDueDate)} 到期，${String(f.signedOffOn)} 销号，仅相对延期后的 ${String(f.dueDate)} 按期`;
    case 'night_decision':
      return `${name(f.actorId)} 于 ${courtMinute(f.at)} ${f.decision === 'sign_off' ? '销号' : '批准延期'}`;
    case 'write_burst':
      return `${name(f.actorId)} 在 ${courtMinute(String(f.from))} 至 ${courtMinute(f.at)} 间写入 ${String(f.writes)} 次`;
    default:
      return '';
  }
}
