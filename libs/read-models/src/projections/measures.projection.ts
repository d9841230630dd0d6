import { CalendarDate, LightFacts, MeasureLine, TotalsFacts, TrackerEvent } from '@tracker/domain';
import { FeedEvent } from '@tracker/event-store';
import { CheckpointedProjection } from './checkpointed-projection';
import { courtDayOf } from './court-day';
import { DocumentLoading, DocumentTable } from './document-table';
import { HistoryTable } from './history-table';
import { decodeLine, EncodedLine, encodeLine } from './line-codec';
import { foldMeasureLine } from './measure-lines';

const lineCodec = {
  encode: encodeLine,
  decode: (stored: unknown) => decodeLine(stored as EncodedLine),
};

/**
 * What a board counts of every line on a past day: its light (`LightFacts`), its totals
 * (`TotalsFacts`) and its group. The dated history keeps these of every row in memory (see
 * `DigestTimeline`); the full lines of the rows a page shows are read from disk.
 */
export const BOARD_FACTS = [
  'measureId',
  'departmentId',
  'responsibleLeaderId',
  'assignedOn',
  'dueDate',
  'reportEveryDays',
  'milestones',
  'status',
  'lastReportedOn',
  'extensionsGranted',
  'onTime',
] as const satisfies readonly (keyof MeasureLine)[];
export type BoardFacts = Pick<MeasureLine, (typeof BOARD_FACTS)[number]>;

/** Where each fact stands in the values a `DigestTimeline` hands its assembler (BOARD_FACTS order). */
const FACT = Object.fromEntries(BOARD_FACTS.map((field, i) => [field, i])) as Record<
  keyof BoardFacts,
  number
>;

/** One object literal, so every digest has one shape (built key by key, a board cost twice the time). */
function assembleFacts(v: readonly unknown[]): BoardFacts {
  return {
    measureId: v[FACT.measureId],
    departmentId: v[FACT.departmentId],
    responsibleLeaderId: v[FACT.responsibleLeaderId],
    assignedOn: v[FACT.assignedOn],
    dueDate: v[FACT.dueDate],
    reportEveryDays: v[FACT.reportEveryDays],
    milestones: v[FACT.milestones],
    status: v[FACT.status],
    lastReportedOn: v[FACT.lastReportedOn],
    extensionsGranted: v[FACT.extensionsGranted],
    onTime: v[FACT.onTime],
  } as BoardFacts;
}

// Fails to compile when the light or the totals read a field the board's facts do not keep.
type Missing = Exclude<keyof (LightFacts & TotalsFacts), keyof BoardFacts>;
const everyFactKept: [Missing] extends [never] ? true : Missing = true;
void everyFactKept;

/** The measure model as it stood at the end of a court day (see `MeasuresProjection.asOf`). */
export interface MeasureLinesOn {
  readonly day: CalendarDate;
  /** The line at the end of the day; undefined when the measure was not assigned by then. */
  line(measureId: string): MeasureLine | undefined;
  /**
   * What a board counts of each measure of the list (a problem's) at the end of the day, in turn,
   * visiting those assigned by then: read from memory once the history's digests are, until
   * then from the full lines.
   */
  eachFacts(measureIds: readonly string[], visit: (facts: BoardFacts) => void): void;
  /** A campaign's lines at the end of the day, in assignment order. */
  linesOfCampaign(campaignId: string): MeasureLine[];
  /** Every line at the end of the day, in assignment order. */
  lines(): MeasureLine[];
}

export interface MeasuresOptions {
  /**
   * Keep the dated history (`days`) that `asOf` reads: the API's reports need it; the worker,
   * which serves no report of a past day, does not.
   */
  history?: boolean;
  /** When stored lines are read (see `DocumentLoading`): the worker reads them only for a bulletin. */
  loading?: DocumentLoading;
}

/**
 * The measure model the wall chart, the ledger, the report figures and the bulletins read: one
 * line per assigned measure, folded once and stored once. The projections that lay measures out
 * (by campaign and problem, by ledger row) keep only their own structure and read lines here.
 *
 * With `history`, it also records each line as it stood at the end of every court day on which it
 * changed (`days`, on disk), so the lines of any past day are read back instead of replayed: an
 * `asOf` day ends at the next midnight in the court's time zone, so the last row on or before the
 * day is exactly what a replay of the events recorded before that midnight folds.
 */
export class MeasuresProjection implements CheckpointedProjection {
  readonly name = 'measures';
  /** With history: 2, the dated history `days` was added; 3, its rows hold only what changed since the row before. */
  readonly version: number;
  readonly lines: DocumentTable<MeasureLine>;
  /** measureId, court day → the line at the end of that day; only days on which it changed. */
  readonly days: HistoryTable<MeasureLine, (typeof BOARD_FACTS)[number]> | null;
  readonly tables: CheckpointedProjection['tables'];
  readonly histories: readonly HistoryTable<MeasureLine, (typeof BOARD_FACTS)[number]>[];
  /** campaignId → its measures' ids in assignment order; derived from the lines when first needed. */
  private indexed: Map<string, string[]> | null = null;
  /** The court-local day of a recorded instant (memoised per minute). */
  readonly courtDay: (isoInstant: string) => CalendarDate;

  constructor(timeZone: string, options: MeasuresOptions = {}) {
    this.courtDay = courtDayOf(timeZone);
    this.lines = new DocumentTable<MeasureLine>('lines', lineCodec, { loading: options.loading });
    this.tables = [this.lines];
    this.days = options.history
      ? new HistoryTable('days', lineCodec, { digest: { fields: BOARD_FACTS, assemble: assembleFacts } })
      : null;
    this.histories = this.days ? [this.days] : [];
    this.version = this.days ? 3 : 1;
  }

  apply(event: TrackerEvent, recorded: FeedEvent): void {
    const before = this.lines.get((event.data as { measureId?: string }).measureId ?? '');
    const line = foldMeasureLine(event, recorded, (id) => this.lines.get(id), this.courtDay);
    if (!line) return;
    if (this.indexed !== null && !this.lines.has(line.measureId)) this.index(this.indexed, line);
    if (line === before) return;
    this.lines.set(line.measureId, line);
    this.days?.record(line.measureId, this.courtDay(recorded.metadata.recordedAt), line);
  }

  reindex(): void {
    this.indexed = null;
  }

  private get byCampaign(): Map<string, string[]> {
    if (this.indexed === null) {
      const indexed = new Map<string, string[]>();
      for (const line of this.lines.values()) this.index(indexed, line);
      this.indexed = indexed;
    }
    return this.indexed;
  }

  line(measureId: string): MeasureLine | undefined {
    return this.lines.get(measureId);
  }

  linesOfCampaign(campaignId: string): MeasureLine[] {
    return (this.byCampaign.get(campaignId) ?? []).map((id) => this.lines.get(id) as MeasureLine);
  }

  /**
   * The lines as they stood at the end of `day`. A measure that has not changed since is read
   * from memory (its current line); only one that changed later is read from the history: its
   * full line by one indexed query, its `BoardFacts` from memory once the digests are read (until
   * then, from its full line). Requires `history`.
   */
  asOf(day: CalendarDate): MeasureLinesOn {
    const days = this.days;
    if (!days) throw new Error('MeasuresProjection.asOf needs the history (options.history)');
    const lineOn = (measureId: string): MeasureLine | undefined => {
      const span = days.span(measureId);
      if (span === undefined || span.first > day) return undefined;
      if (span.last <= day) return this.lines.get(measureId);
      return days.at(measureId, day);
    };
    // A court-wide board reads 100,000 of them, a problem's measures at a time.
    const eachFacts = days.hasAllDigests
      ? (ids: readonly string[], visit: (facts: BoardFacts) => void) => days.eachDigestAt(ids, day, visit)
      : (ids: readonly string[], visit: (facts: BoardFacts) => void) => {
          for (const id of ids) {
            const line = lineOn(id);
            if (line !== undefined) visit(line);
          }
        };
    const collect = (ids: readonly string[]) => {
      const lines: MeasureLine[] = [];
      for (const id of ids) {
        const line = lineOn(id);
        if (line) lines.push(line);
      }
      return lines;
    };
    return {
      day,
      line: lineOn,
      eachFacts,
      linesOfCampaign: (campaignId) => collect(this.byCampaign.get(campaignId) ?? []),
      lines: () => collect([...this.lines.entries()].map(([id]) => id)),
    };
  }

  private index(indexed: Map<string, string[]>, line: MeasureLine): void {
    const ids = indexed.get(line.campaignId);
    if (ids) ids.push(line.measureId);
    else indexed.set(line.campaignId, [line.measureId]);
  }
}
