import { Injectable } from '@nestjs/common';
import { CalendarDate, campaignNotFound, MeasureLine, MeasureStatus } from '@tracker/domain';
import { RequestValidationError } from '@tracker/command-path';
import { LedgerEntry, LedgerProjection } from '../projections/ledger.projection';
import { DirectoryView } from '../projections/directory.view';
import { CatalogueView } from '../projections/catalogue.view';

/** What the ledger can be narrowed by (the HTTP layer validates it). */
export interface LedgerFilter {
  campaignId?: string;
  departmentId?: string;
  leaderId?: string;
  signedOffFrom?: CalendarDate;
  signedOffTo?: CalendarDate;
}

/** One 销号台账 row: the thirteen columns' values, plus ids for filtering and linking. */
export interface LedgerRow {
  /** 序号: the problem's place in this ledger; its rows share it. */
  serial: number;
  campaignId: string;
  problemId: string;
  measureId: string;
  problem: string;
  measure: string;
  target: string;
  responsibleLeader: string;
  department: string;
  responsiblePerson: string;
  deadline: string;
  progress: string;
  completion: string;
  signedOffOn: string;
  signedOffBy: string;
  onTime: string;
}

const COMPLETION: Record<MeasureStatus, string> = {
  assigned: '未启动',
  in_progress: '推进中',
  submitted: '已提交，待销号',
  signed_off: '已完成销号',
  cancelled: '已撤销',
};

/** 销号台账: every measure under its problem, filtered, in problem and measure order. */
@Injectable()
export class LedgerQuery {
  constructor(
    private readonly ledger: LedgerProjection,
    private readonly directory: DirectoryView,
    private readonly catalogue: CatalogueView,
  ) {}

  rows(filter: LedgerFilter): LedgerRow[] {
    if (filter.signedOffFrom && filter.signedOffTo && filter.signedOffFrom > filter.signedOffTo) {
      throw new RequestValidationError([
        {
          field: 'signedOffTo',
          rule: 'notBeforeFrom',
          messages: { zh: '销号截止日期不能早于起始日期', en: 'must not be earlier than signedOffFrom' },
        },
      ]);
    }
    if (filter.campaignId !== undefined && !this.catalogue.campaign(filter.campaignId))
      throw campaignNotFound();
    const entries: LedgerEntry[] = [];
    for (const entry of this.ledger.entries()) if (matches(entry.line, filter)) entries.push(entry);
    entries.sort(ledgerOrder);
    let serial = 0;
    let lastProblem: string | null = null;
    return entries.map((entry) => {
      if (entry.problemId !== lastProblem) {
        serial += 1;
        lastProblem = entry.problemId;
      }
      return this.present(serial, entry);
    });
  }

  /** The title printed above the ledger. */
  title(campaignId: string | undefined): string {
    const campaign = campaignId === undefined ? undefined : this.catalogue.campaign(campaignId);
    return campaign ? `${campaign.title}整改销号台账` : '整改销号台账';
  }

  private present(serial: number, { problemId, problemNumber, problemTitle, line }: LedgerEntry): LedgerRow {
    return {
      serial,
      campaignId: line.campaignId,
      problemId,
      measureId: line.measureId,
      problem: `${problemNumber}. ${problemTitle}`,
      measure: `${line.number} ${line.content}`,
      target: line.target ?? '',
      responsibleLeader: this.directory.user(line.responsibleLeaderId)?.displayName ?? '',
      department: this.directory.department(line.departmentId)?.name ?? '',
      responsiblePerson: line.responsiblePerson,
      deadline: deadlineOf(line),
      progress: line.lastProgressNote === null ? '' : `${line.lastProgressNote}（${line.percent}%）`,
      completion: completionOf(line),
      signedOffOn: line.signedOffOn ?? '',
      signedOffBy:
        line.signedOffBy === null ? '' : (this.directory.user(line.signedOffBy)?.displayName ?? ''),
      onTime: line.onTime === null ? '' : line.onTime ? '是' : '否',
    };
  }
}

function matches(line: MeasureLine, f: LedgerFilter): boolean {
  if (f.campaignId !== undefined && line.campaignId !== f.campaignId) return false;
  if (f.departmentId !== undefined && line.departmentId !== f.departmentId) return false;
  if (f.leaderId !== undefined && line.responsibleLeaderId !== f.leaderId) return false;
  if (f.signedOffFrom !== undefined || f.signedOffTo !== undefined) {
    if (line.signedOffOn === null) return false;
    if (f.signedOffFrom !== undefined && line.signedOffOn < f.signedOffFrom) return false;
    if (f.signedOffTo !== undefined && line.signedOffOn > f.signedOffTo) return false;
  }
  return true;
}

function deadlineOf(line: MeasureLine): string {
  if (line.dueDate === null)
    return line.reportEveryDays ? `长期坚持（每${line.reportEveryDays}天报告）` : '长期坚持';
  if (line.originalDueDate !== null && line.originalDueDate !== line.dueDate) {
    return `${line.dueDate}（原${line.originalDueDate}）`;
  }
  return line.dueDate;
}

function completionOf(line: MeasureLine): string {
  if (line.reopened && line.status !== 'signed_off') return `回头看重新整改，${COMPLETION[line.status]}`;
  if (line.returned && line.status === 'in_progress') return '已退回，继续整改';
  return COMPLETION[line.status];
}

/** By campaign, then problem number, then measure number read as numbers (1.2 before 1.10). */
function ledgerOrder(a: LedgerEntry, b: LedgerEntry): number {
  if (a.line.campaignId !== b.line.campaignId) return a.line.campaignId < b.line.campaignId ? -1 : 1;
  if (a.problemNumber !== b.problemNumber) return a.problemNumber - b.problemNumber;
  const x = a.line.number.split('.').map(Number);
  const y = b.line.number.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i += 1) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
