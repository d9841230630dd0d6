import { formatPercent } from './percent';
import { CalendarDate } from './types';

/** The filters of GET /api/v1/ledger (apps/api/src/ledger/ledger.dto.ts); the workbook takes the same. */
export interface LedgerFilters {
  campaignId?: string;
  departmentId?: string;
  leaderId?: string;
  signedOffFrom?: CalendarDate;
  signedOffTo?: CalendarDate;
}

const LEDGER_KEYS: (keyof LedgerFilters)[] = [
  'campaignId',
  'departmentId',
  'leaderId',
  'signedOffFrom',
  'signedOffTo',
];

/** The ledger's JSON or workbook address for the filters: one spelling, so the export is what is shown. */
export function ledgerPath(filters: LedgerFilters, format: 'json' | 'xlsx' = 'json'): string {
  const params = new URLSearchParams();
  for (const key of LEDGER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  const query = params.toString();
  return `/api/v1/ledger${format === 'xlsx' ? '.xlsx' : ''}${query ? `?${query}` : ''}`;
}

export function bulletinPath(id: string, format: 'json' | 'xlsx' = 'json'): string {
  return `/api/v1/bulletins/${encodeURIComponent(id)}${format === 'xlsx' ? '.xlsx' : ''}`;
}

/**
 * The campaign summary as of a day. The day the picker calls today is asked without asOf: the
 * current state is today's figures, and the browser's clock may run ahead of the court's day, which
 * the API would refuse as a future date.
 */
export function summaryPath(campaignId: string, asOf: CalendarDate | null, today: CalendarDate): string {
  const base = `/api/v1/campaigns/${encodeURIComponent(campaignId)}/summary`;
  return asOf && asOf < today ? `${base}?asOf=${asOf}` : base;
}

/**
 * The file name a Content-Disposition header offers: RFC 5987 `filename*` (the Chinese title) first,
 * then the plain `filename`, else the fallback. Only the last path segment is kept.
 */
export function fileNameFromDisposition(header: string | null | undefined, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  let name: string | null = null;
  if (extended) {
    try {
      name = decodeURIComponent(extended[2].trim().replace(/^"(.*)"$/, '$1'));
    } catch {
      name = null;
    }
  }
  if (!name) {
    const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
    name = plain ? (plain[2] ?? plain[1]).trim() : null;
  }
  const base = name?.split(/[/\\]/).pop()?.trim();
  return base ? base : fallback;
}

/** A bulletin's rate, already a percentage with one decimal (bulletin.figures.ts): "66.7%", "100%". */
export function formatPercentage(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${Number(value.toFixed(1))}%`;
}

/** 2026-03-02T01:05:00Z → "2026-03-02 09:05", read in the court's time zone (UTC+8, no summer time). */
export function courtDateTime(instant: string): string {
  const ms = new Date(instant).getTime();
  if (!Number.isFinite(ms)) return instant;
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * How many table rows each ledger row's problem cell spans: the first row of a run of the same
 * problem spans the run, the others none (the printed ledger writes each problem once).
 */
export function problemSpans(rows: readonly { problemId: string }[]): number[] {
  const spans = rows.map(() => 0);
  for (let start = 0; start < rows.length;) {
    let end = start + 1;
    while (end < rows.length && rows[end].problemId === rows[start].problemId) end++;
    spans[start] = end - start;
    start = end;
  }
  return spans;
}

/** GET /api/v1/campaigns/:id/summary (libs/read-models/src/queries/summary.query.ts). Rates are 0–1. */
export interface CampaignSummary {
  campaignId: string;
  asOf: CalendarDate | null;
  today: CalendarDate;
  problems: number;
  measures: number;
  signedOff: number;
  inProgress: number;
  overdue: number;
  dueSoon: number;
  extensionsGranted: number;
  reopened: number;
  outcomes: number;
  completionRate: number | null;
  onTimeRate: number | null;
  sentence: string;
}

export type SummaryFigureKey = Exclude<keyof CampaignSummary, 'campaignId' | 'asOf' | 'today' | 'sentence'>;

const SUMMARY_FIGURES: { key: SummaryFigureKey; label: string; unit?: string; tone?: string }[] = [
  { key: 'problems', label: '问题总数', unit: '个' },
  { key: 'measures', label: '整改措施', unit: '条' },
  { key: 'signedOff', label: '已销号', unit: '条', tone: '#389e0d' },
  { key: 'inProgress', label: '推进中', unit: '条', tone: '#1677ff' },
  { key: 'dueSoon', label: '临期', unit: '条', tone: '#d48806' },
  { key: 'overdue', label: '逾期', unit: '条', tone: '#cf1322' },
  { key: 'extensionsGranted', label: '批准延期', unit: '次' },
  { key: 'reopened', label: '回头看重新整改', unit: '条' },
  { key: 'outcomes', label: '建章立制成果', unit: '项' },
  { key: 'completionRate', label: '整改完成率' },
  { key: 'onTimeRate', label: '按期完成率' },
];

/** The summary's figures in the order a report reads them, each as the card prints it. */
export function summaryFigures(summary: CampaignSummary) {
  return SUMMARY_FIGURES.map(({ key, label, unit, tone }) => {
    const value = summary[key];
    const rate = key === 'completionRate' || key === 'onTimeRate';
    return {
      key,
      label,
      value: rate ? formatPercent(value) : String(value ?? 0),
      unit: rate ? undefined : unit,
      tone,
    };
  });
}

/** The progress report (Word) or the figures table (Excel) as of a day: asked without asOf for today, as summaryPath is. */
export function reportPath(
  campaignId: string,
  asOf: CalendarDate | null,
  today: CalendarDate,
  document: 'report.docx' | 'summary.xlsx' = 'report.docx',
): string {
  const base = `/api/v1/campaigns/${encodeURIComponent(campaignId)}/${document}`;
  return asOf && asOf < today ? `${base}?asOf=${asOf}` : base;
}
