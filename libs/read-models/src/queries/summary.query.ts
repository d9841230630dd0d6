import { Inject, Injectable } from '@nestjs/common';
import { campaignNotFound, readLight, reportSentence, totalsOf } from '@tracker/domain';
import { EventStore } from '@tracker/event-store';
import { CourtCalendar } from '@tracker/command-path';
import { EVENT_STORE } from '@tracker/event-store';
import { replayUntil } from '../projections/as-of';
import { ReportDay } from '../projections/report-day';
import { ReportSettings } from '../projections/report-settings';
import { MeasuresProjection } from '../projections/measures.projection';
import { SummaryProjection } from '../projections/summary.projection';

/** 整改情况统计: the figures a report quotes for one campaign, and the sentence that quotes them. */
@Injectable()
export class SummaryQuery {
  constructor(
    private readonly summary: SummaryProjection,
    private readonly settings: ReportSettings,
    private readonly calendar: CourtCalendar,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async run(campaignId: string, day: ReportDay) {
    if (!this.summary.campaigns.get(campaignId)) {
      throw campaignNotFound();
    }
    const projection = day.until === null ? this.summary : await this.summaryAsOf(day.until, campaignId);
    const figures = projection.figuresOf(campaignId) ?? { campaignId, problems: 0, lines: [] };
    const lines = figures.lines.filter((l) => l.status !== 'cancelled');
    const totals = totalsOf(
      lines.map((line) => ({ line, reading: readLight(line, day.today, this.settings.ladder) })),
    );
    const outcomes = lines.reduce((n, l) => n + l.outcomes, 0);
    const result = {
      campaignId,
      asOf: day.until === null ? null : day.today,
      today: day.today,
      problems: figures.problems,
      measures: totals.measures,
      signedOff: totals.signedOff,
      inProgress: totals.inProgress,
      overdue: totals.overdue,
      dueSoon: totals.dueSoon,
      extensionsGranted: totals.extensionsGranted,
      /** Measures a look-back review (回头看) reopened at least once. */
      reopened: lines.filter((l) => l.reopenings > 0).length,
      outcomes,
      completionRate: totals.completionRate,
      onTimeRate: totals.onTimeRate,
    };
    return { ...result, sentence: reportSentence(result) };
  }

  private async summaryAsOf(until: Date, campaignId: string): Promise<SummaryProjection> {
    const measures = new MeasuresProjection(this.calendar.timeZone);
    const summary = new SummaryProjection(measures);
    await replayUntil(this.store, [measures, summary], until, [campaignId]);
    return summary;
  }
}
