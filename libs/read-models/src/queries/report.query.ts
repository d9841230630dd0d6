import { Inject, Injectable } from '@nestjs/common';
import { campaignNotFound, daysBetween, nextDueDate, readLight, TrackerEvent } from '@tracker/domain';
import { EVENT_STORE, EventStore, FeedEvent } from '@tracker/event-store';
import { CourtCalendar } from '@tracker/command-path';
import { replayUntil } from '../projections/as-of';
import { CatalogueView } from '../projections/catalogue.view';
import { CheckpointedProjection } from '../projections/checkpointed-projection';
import { DirectoryView } from '../projections/directory.view';
import { LedgerProjection } from '../projections/ledger.projection';
import { MeasuresProjection } from '../projections/measures.projection';
import { ReportDay } from '../projections/report-day';
import { ReportSettings } from '../projections/report-settings';
import { LedgerQuery, LedgerRow } from './ledger.query';
import { SummaryQuery } from './summary.query';

/** 整改情况报告: what the progress report of one campaign says, as of a day. */
export interface ProgressReport {
  campaignTitle: string;
  /** The day the report is as of. */
  asOf: string;
  /** 共梳理问题…: the sentence of that day's figures. */
  sentence: string;
  figures: Awaited<ReturnType<SummaryQuery['run']>>;
  problems: { number: number; title: string; measures: LedgerRow[] }[];
  /** 建章立制: the outcomes recorded by that day. */
  outcomes: { measure: string; department: string; title: string }[];
  /** Measures overdue that day, with their latest progress. */
  overdue: { measure: string; department: string; dueDate: string; daysOverdue: number; progress: string }[];
  /** Extensions granted by that day, with the reason given. */
  extensions: {
    measure: string;
    department: string;
    previousDueDate: string;
    newDueDate: string;
    reason: string;
    opinion: string;
  }[];
}

/** Folds what the ledger does not keep: outcome titles and the reasons of extensions granted. */
class ReportFacts implements CheckpointedProjection {
  readonly name = 'report-facts';
  readonly version = 1;
  readonly tables = [];
  readonly outcomes: { measureId: string; title: string }[] = [];
  readonly extensions: {
    measureId: string;
    previousDueDate: string;
    newDueDate: string;
    reason: string;
    opinion: string;
  }[] = [];
  private readonly reasons = new Map<string, string>();

  apply(event: TrackerEvent, _recorded: FeedEvent): void {
    switch (event.type) {
      case 'OutcomeRecorded':
        this.outcomes.push({ measureId: event.data.measureId, title: event.data.title });
        return;
      case 'ExtensionRequested':
        this.reasons.set(event.data.requestId, event.data.reason);
        return;
      case 'ExtensionApproved':
        this.extensions.push({
          measureId: event.data.measureId,
          previousDueDate: event.data.previousDueDate,
          newDueDate: event.data.newDueDate,
          reason: this.reasons.get(event.data.requestId) ?? '',
          opinion: event.data.opinion ?? '',
        });
        return;
      default:
        return;
    }
  }
}

/**
 * The progress report of one campaign as of a day: the campaign's streams replayed up to the end
 * of that day, so a report of a past day shows that day's figures and states.
 */
@Injectable()
export class ReportQuery {
  constructor(
    private readonly summary: SummaryQuery,
    private readonly catalogue: CatalogueView,
    private readonly directory: DirectoryView,
    private readonly settings: ReportSettings,
    private readonly calendar: CourtCalendar,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async run(campaignId: string, day: ReportDay): Promise<ProgressReport> {
    const campaign = this.catalogue.campaign(campaignId);
    if (!campaign) throw campaignNotFound();
    const figures = await this.summary.run(campaignId, day);

    const measures = new MeasuresProjection(this.calendar.timeZone);
    const ledger = new LedgerProjection(measures);
    const facts = new ReportFacts();
    // The current report reads everything recorded so far.
    const until = day.until ?? new Date('9999-12-31T23:59:59.999Z');
    await replayUntil(this.store, [measures, ledger, facts], until, [campaignId]);
    const rows = new LedgerQuery(ledger, this.directory, this.catalogue).rows({ campaignId });
    const rowOf = new Map(rows.map((r) => [r.measureId, r]));

    const problems = [...ledger.problems.entries()]
      .map(([problemId, p]) => ({
        number: p.number,
        title: p.title,
        measures: rows.filter((r) => r.problemId === problemId),
      }))
      .sort((a, b) => a.number - b.number);

    const department = (id: string) => this.directory.department(id)?.name ?? '';
    const overdue: ProgressReport['overdue'] = [];
    for (const line of measures.lines.values()) {
      if (line.status === 'cancelled' || line.status === 'signed_off') continue;
      if (!readLight(line, day.today, this.settings.ladder).overdue) continue;
      const due = nextDueDate(line) ?? day.today;
      overdue.push({
        measure: `${line.number} ${line.content}`,
        department: department(line.departmentId),
        dueDate: due,
        daysOverdue: daysBetween(due, day.today),
        progress: rowOf.get(line.measureId)?.progress || '尚未报告进展',
      });
    }
    overdue.sort(
      (a, b) => b.daysOverdue - a.daysOverdue || a.measure.localeCompare(b.measure, 'en', { numeric: true }),
    );

    const measureOf = (measureId: string) => {
      const line = measures.lines.get(measureId);
      return {
        measure: line ? `${line.number} ${line.content}` : '',
        department: line ? department(line.departmentId) : '',
      };
    };
    return {
      campaignTitle: campaign.title,
      asOf: day.today,
      sentence: figures.sentence,
      figures,
      problems,
      outcomes: facts.outcomes.map((o) => ({ ...measureOf(o.measureId), title: o.title })),
      overdue,
      extensions: facts.extensions.map((e) => ({ ...measureOf(e.measureId), ...e })),
    };
  }
}
