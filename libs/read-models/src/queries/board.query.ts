import { Injectable } from '@nestjs/common';
import {
  BoardTotals,
  campaignNotFound,
  LightReading,
  MeasureLine,
  readLight,
  TotalsCounter,
} from '@tracker/domain';
import { BoardCampaign, BoardProblem, BoardProjection } from '../projections/board.projection';
import { BoardFacts, MeasureLinesOn, MeasuresProjection } from '../projections/measures.projection';
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

/** Current layouts kept at once (groupings × days × campaign selections). */
const LAYOUTS_KEPT = 8;
/** More changed measures than this since a layout was made, and laying it out again is as quick. */
const PATCH_AT_MOST = 2_000;

/** A board's rows in board order, as parallel arrays, each with its group's index. */
interface Rows {
  problems: BoardProblem[];
  measureIds: string[];
  groupOfRow: number[];
  /**
   * Each row's line and light reading, kept by a current layout (it is kept and patched). A past
   * day's layout lives for one request and keeps none: its 100,000 facts and readings held to
   * the end of it were promoted by the collector, and their collection was the board's slowest
   * moments; the page's rows are read again from their full lines.
   */
  kept: { lines: BoardFacts[]; readings: LightReading[] } | null;
}

interface Layout {
  rows: Rows;
  groups: Group[];
  overall: TotalsCounter;
  /** Each measure's row; the campaigns it covers; how it grouped and the day it read the lights on. */
  rowOf: Map<string, number>;
  campaignIds: Set<string>;
  groupBy: BoardGrouping;
  today: string;
}

/** A group of the board: its key, its first row (its label is read from it), its size and totals. */
interface Group {
  key: string;
  problem: BoardProblem;
  line: BoardFacts;
  size: number;
  totals: TotalsCounter;
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

  /** Current boards laid out since the read models last changed, by grouping, day and campaigns. */
  private readonly laidOut = new Map<string, Layout>();
  /** The versions of the board's tables and of the measure lines the kept layouts stand at. */
  private laidOutAt = '';
  private laidOutLines = 0;

  async run(request: BoardRequest) {
    const { day, groupBy } = request;
    const on = day.until === null ? undefined : this.measures.asOf(day.today);
    const campaigns = this.campaignsOf(request.campaignIds, on);
    const { rows, groups, overall } = on
      ? this.layOut(campaigns, on, request)
      : this.current(campaigns, request);
    const count = rows.measureIds.length;
    const size = request.page?.size ?? Math.max(count, 1);
    const number = request.page?.number ?? 1;
    return {
      asOf: day.until === null ? null : day.today,
      today: day.today,
      dueSoonDays: this.settings.dueSoonDays,
      groupBy,
      campaigns: campaigns.map((c) => ({ id: c.id, title: c.title })),
      totals: overall.totals() satisfies BoardTotals,
      page: { number, size, measures: count, pages: Math.ceil(count / size) },
      groups: this.page(
        rows,
        groups,
        groupBy,
        { from: (number - 1) * size, to: number * size },
        // The rows shown in full: a past day's read from the dated history, a page at a time.
        on ? on.line : (id) => this.measures.line(id),
        (line) => this.readOnPastDay(line, day.today),
      ),
    };
  }

  /**
   * The current board laid out once per state of the read models it reads and day: until an event
   * changes the board's or the measure model's documents (each table counts its changes), the
   * same request lays out the same rows. A change to a few measures' lines patches the kept
   * layouts (their rows, readings and totals); a new campaign, problem or measure lays them out
   * again. Names are read when a page is presented, not cached.
   */
  private current(campaigns: BoardCampaign[], request: BoardRequest): Layout {
    const at = `${this.board.campaigns.version}.${this.board.problems.version}`;
    const lines = this.measures.lines.version;
    if (at !== this.laidOutAt || lines !== this.laidOutLines) {
      const changed = at === this.laidOutAt ? this.measures.lines.changedSince(this.laidOutLines) : null;
      if (changed === null || changed.length > PATCH_AT_MOST) this.laidOut.clear();
      else this.patch(new Set(changed));
      this.laidOutAt = at;
      this.laidOutLines = lines;
    }
    const key = `${request.groupBy}|${request.day.today}|${request.campaignIds?.join(',') ?? '*'}`;
    let layout = this.laidOut.get(key);
    if (layout === undefined) {
      if (this.laidOut.size >= LAYOUTS_KEPT) this.laidOut.delete(this.laidOut.keys().next().value as string);
      layout = this.layOut(campaigns, undefined, request);
      this.laidOut.set(key, layout);
    }
    return layout;
  }

  /**
   * Brings each kept layout up to the measures' current lines: a changed line's row, reading and
   * its group's and the overall totals. A layout the change would reshape (a measure joining or
   * leaving it, or moving to another group) is dropped, to be laid out again when asked for.
   */
  private patch(changed: ReadonlySet<string>): void {
    const lights = this.settings.lights;
    for (const [key, layout] of this.laidOut) {
      const { rows, groups, overall, rowOf } = layout;
      const kept = rows.kept as NonNullable<Rows['kept']>;
      for (const id of changed) {
        const line = this.measures.line(id);
        const row = rowOf.get(id);
        if (row === undefined) {
          if (line === undefined || !layout.campaignIds.has(line.campaignId) || line.status === 'cancelled')
            continue;
          this.laidOut.delete(key);
          break;
        }
        const before = kept.lines[row];
        const group = groups[rows.groupOfRow[row]];
        if (
          line === undefined ||
          line.status === 'cancelled' ||
          groupKey(line, rows.problems[row], layout.groupBy) !== group.key
        ) {
          this.laidOut.delete(key);
          break;
        }
        const reading = lights.read(line, layout.today);
        group.totals.remove(before, kept.readings[row]);
        overall.remove(before, kept.readings[row]);
        group.totals.add(line, reading);
        overall.add(line, reading);
        if (group.line === before) group.line = line;
        kept.lines[row] = line;
        kept.readings[row] = reading;
      }
    }
  }

  /** A past day's facts are read afresh by every request: remembering their lights would only cost. */
  private readOnPastDay(line: BoardFacts, today: string): LightReading {
    return readLight(line, today, this.settings.ladder);
  }

  /**
   * The rows in board order, as parallel arrays (a court-wide board has 100,000 of them), each
   * with its group's index; groups in the order their first row comes, counted as rows are read.
   */
  private layOut(
    campaigns: BoardCampaign[],
    on: MeasureLinesOn | undefined,
    { groupBy, day }: BoardRequest,
  ): Layout {
    const { lights } = this.settings;
    const read = on
      ? (line: BoardFacts) => this.readOnPastDay(line, day.today)
      : (line: BoardFacts) => lights.read(line, day.today);
    const problems: BoardProblem[] = [];
    const measureIds: string[] = [];
    const groupOfRow: number[] = [];
    const kept = on ? null : { lines: [] as BoardFacts[], readings: [] as LightReading[] };
    const groups: Group[] = [];
    const groupIndex = new Map<string, number>();
    const overall = new TotalsCounter();
    const rowOf = new Map<string, number>();
    for (const campaign of campaigns) {
      this.board.forEachLine(campaign, on, (problem, line) => {
        if (line.status === 'cancelled') return;
        const reading = read(line);
        const key = groupKey(line, problem, groupBy);
        let g = groupIndex.get(key);
        if (g === undefined) {
          g = groups.length;
          groupIndex.set(key, g);
          groups.push({ key, problem, line, size: 0, totals: new TotalsCounter() });
        }
        groups[g].size += 1;
        groups[g].totals.add(line, reading);
        overall.add(line, reading);
        // Only a current layout is kept, and patched by measure.
        if (kept) {
          rowOf.set(line.measureId, measureIds.length);
          kept.lines.push(line);
          kept.readings.push(reading);
        }
        problems.push(problem);
        measureIds.push(line.measureId);
        groupOfRow.push(g);
      });
    }
    return {
      rows: { problems, measureIds, groupOfRow, kept },
      groups,
      overall,
      rowOf,
      campaignIds: new Set(campaigns.map((c) => c.id)),
      groupBy,
      today: day.today,
    };
  }

  /**
   * The groups with a row in [from, to) of the grouped order (each group's rows together, groups
   * in the order their first row comes), each with its totals over all its rows and its rows on the page.
   */
  private page(
    rows: Rows,
    groups: Group[],
    groupBy: BoardGrouping,
    page: { from: number; to: number },
    lineOf: (measureId: string) => MeasureLine | undefined,
    readOf: (line: MeasureLine) => LightReading,
  ) {
    // Where each group starts in the grouped order; the page's rows of each group shown.
    const shown = new Map<
      number,
      { from: number; to: number; seen: number; measures: ReturnType<BoardQuery['present']>[] }
    >();
    let index = 0;
    groups.forEach((g, i) => {
      const first = index;
      index += g.size;
      if (index <= page.from || first >= page.to) return;
      shown.set(i, { from: Math.max(page.from - first, 0), to: page.to - first, seen: 0, measures: [] });
    });
    for (let r = 0; r < rows.measureIds.length && shown.size > 0; r += 1) {
      const onPage = shown.get(rows.groupOfRow[r]);
      if (onPage === undefined) continue;
      const at = onPage.seen;
      onPage.seen += 1;
      if (at < onPage.from || at >= onPage.to) continue;
      // The facts it was laid out from and the line read here describe the same measure on the same day.
      const line = lineOf(rows.measureIds[r]);
      if (line) {
        const reading = rows.kept ? rows.kept.readings[r] : readOf(line);
        onPage.measures.push(this.present({ problem: rows.problems[r], line, reading }));
      }
    }
    return [...shown].map(([i, { measures }]) => {
      const g = groups[i];
      return {
        key: g.key,
        label: this.labelOf(g, groupBy),
        totals: g.totals.totals() satisfies BoardTotals,
        measures,
      };
    });
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

  /** A group's label, from its first row. */
  private labelOf({ problem, line }: Group, groupBy: BoardGrouping): string {
    switch (groupBy) {
      case 'problem':
        return `${problem.number}. ${problem.title}`;
      case 'department':
        return this.departmentName(line.departmentId) ?? line.departmentId;
      case 'leader':
        return this.userName(line.responsibleLeaderId) ?? line.responsibleLeaderId;
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

/** The group a row falls in under a grouping. */
function groupKey(line: BoardFacts, problem: BoardProblem, groupBy: BoardGrouping): string {
  return groupBy === 'problem'
    ? problem.id
    : groupBy === 'department'
      ? line.departmentId
      : line.responsibleLeaderId;
}
