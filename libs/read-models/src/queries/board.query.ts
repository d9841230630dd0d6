import { Injectable } from '@nestjs/common';
import { BoardTotals, campaignNotFound, LightReading, MeasureLine, totalsOf } from '@tracker/domain';
import { BoardCampaign, BoardProblem, BoardProjection } from '../projections/board.projection';
import { MeasureLinesOn, MeasuresProjection } from '../projections/measures.projection';
import { ReportDay } from '../projections/report-day';
import { ReportSettings } from '../projections/report-settings';
import { DirectoryView } from '../projections/directory.view';

export const BOARD_GROUPINGS = ['problem', 'department', 'leader'] as const;
export type BoardGrouping = (typeof BOARD_GROUPINGS)[number];

export interface BoardRequest {
  /** One campaign; omitted: every campaign. */
  campaignIds?: readonly string[];
  groupBy: BoardGrouping;
  day: ReportDay;
  /** Rows of this page only (1-based); totals always cover every row. Omitted: every row. */
  page?: { number: number; size: number };
}

interface Row {
  problem: BoardProblem;
  line: MeasureLine;
  reading: LightReading;
}

/**
 * 挂图作战: the board's rows read against a day, grouped, with totals per group and overall. An
 * `asOf` board reads the measure model's dated history (`MeasuresProjection.asOf`) and the day
 * each campaign and problem appeared: what stood at the end of that day, without a replay.
 */
@Injectable()
export class BoardQuery {
  constructor(
    private readonly board: BoardProjection,
    private readonly measures: MeasuresProjection,
    private readonly directory: DirectoryView,
    private readonly settings: ReportSettings,
  ) {}

  async run(request: BoardRequest) {
    const { day } = request;
    const on = day.until === null ? undefined : this.measures.asOf(day.today);
    const campaigns = this.campaignsOf(request.campaignIds, on);
    const rows: Row[] = [];
    for (const campaign of campaigns) {
      for (const { problem, lines } of this.board.linesOf(campaign, on)) {
        for (const line of lines) {
          if (line.status === 'cancelled') continue;
          rows.push({ problem, line, reading: this.settings.lights.read(line, day.today) });
        }
      }
    }
    const size = request.page?.size ?? Math.max(rows.length, 1);
    const number = request.page?.number ?? 1;
    return {
      asOf: day.until === null ? null : day.today,
      today: day.today,
      dueSoonDays: this.settings.dueSoonDays,
      groupBy: request.groupBy,
      campaigns: campaigns.map((c) => ({ id: c.id, title: c.title })),
      totals: totalsOf(rows),
      page: { number, size, measures: rows.length, pages: Math.ceil(rows.length / size) },
      groups: this.group(rows, request.groupBy, { from: (number - 1) * size, to: number * size }),
    };
  }

  private campaignsOf(ids: readonly string[] | undefined, on: MeasureLinesOn | undefined): BoardCampaign[] {
    if (ids === undefined) return on ? this.board.campaignsOn(on.day) : [...this.board.campaigns.values()];
    return ids.map((id) => {
      const campaign = this.board.campaigns.get(id);
      if (!campaign) {
        throw campaignNotFound();
      }
      // Launched after the asOf day: it had nothing on the board yet.
      return on && campaign.launchedOn > on.day ? { ...campaign, problemIds: [] } : campaign;
    });
  }

  /**
   * Groups in the order their first row comes; on a page, only the groups with a row in
   * [from, to) of that order, each with its totals over all its rows.
   */
  private group(rows: Row[], groupBy: BoardGrouping, page: { from: number; to: number }) {
    const groups = new Map<string, { key: string; label: string; rows: Row[] }>();
    for (const row of rows) {
      const { key, label } = this.groupOf(row, groupBy);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { key, label, rows: [] }));
      group.rows.push(row);
    }
    const shown = [];
    let index = 0;
    for (const g of groups.values()) {
      const first = index;
      index += g.rows.length;
      if (index <= page.from || first >= page.to) continue;
      const onPage = g.rows.slice(Math.max(page.from - first, 0), page.to - first);
      shown.push({
        key: g.key,
        label: g.label,
        totals: totalsOf(g.rows) satisfies BoardTotals,
        measures: onPage.map((r) => this.present(r)),
      });
    }
    return shown;
  }

  private groupOf({ problem, line }: Row, groupBy: BoardGrouping): { key: string; label: string } {
    switch (groupBy) {
      case 'problem':
        return { key: problem.id, label: `${problem.number}. ${problem.title}` };
      case 'department':
        return { key: line.departmentId, label: this.departmentName(line.departmentId) ?? line.departmentId };
      case 'leader':
        return {
          key: line.responsibleLeaderId,
          label: this.userName(line.responsibleLeaderId) ?? line.responsibleLeaderId,
        };
    }
  }

  private present({ problem, line, reading }: Row) {
    return {
      id: line.measureId,
      campaignId: line.campaignId,
      problemId: problem.id,
      problemNumber: problem.number,
      problemTitle: problem.title,
      number: line.number,
      content: line.content,
      kind: line.kind,
      responsibleLeaderId: line.responsibleLeaderId,
      responsibleLeaderName: this.userName(line.responsibleLeaderId),
      departmentId: line.departmentId,
      departmentName: this.departmentName(line.departmentId),
      responsiblePerson: line.responsiblePerson,
      originalDueDate: line.originalDueDate,
      dueDate: line.dueDate,
      status: line.status,
      light: reading.light,
      overdue: reading.overdue,
      dueSoon: reading.dueSoon,
      behindMilestone: reading.behindMilestone,
      /** The step of the supervision ladder (督办环节) reached today; null before any. */
      step: reading.step,
      returned: line.returned,
      reopened: line.reopened,
      percent: line.percent,
      extensionsGranted: line.extensionsGranted,
      signedOffOn: line.signedOffOn,
      onTime: line.onTime,
      /** 回头看待查: a look-back reminder has fallen due (on lookBackDueOn) and no review has answered it. */
      lookBackDue: line.lookBackDueOn !== null,
      lookBackDueOn: line.lookBackDueOn,
    };
  }

  private userName(id: string): string | null {
    return this.directory.user(id)?.displayName ?? null;
  }

  private departmentName(id: string): string | null {
    return this.directory.department(id)?.name ?? null;
  }
}
