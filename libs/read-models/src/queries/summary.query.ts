import { Injectable } from '@nestjs/common';
import { campaignNotFound, reportSentence, totalsOf } from '@tracker/domain';
import { ReportDay } from '../projections/report-day';
import { ReportSettings } from '../projections/report-settings';
import { SummaryProjection } from '../projections/summary.projection';

/**
 * 整改情况统计: the figures a report quotes for one campaign, and the sentence that quotes them. An
 * `asOf` summary reads the figures as they stood at the end of that day from the projections' dated
 * records (the measure model's history, the day each problem was recorded), without a replay.
 */
@Injectable()
export class SummaryQuery {
  constructor(
    private readonly summary: SummaryProjection,
    private readonly settings: ReportSettings,
  ) {}

  async run(campaignId: string, day: ReportDay) {
    if (!this.summary.campaigns.get(campaignId)) {
      throw campaignNotFound();
    }
    const figures = (day.until === null
      ? this.summary.figuresOf(campaignId)
      : this.summary.figuresAsOf(campaignId, day.today)) ?? { campaignId, problems: 0, lines: [] };
    const lines = figures.lines.filter((l) => l.status !== 'cancelled');
    const totals = totalsOf(
      lines.map((line) => ({ line, reading: this.settings.lights.read(line, day.today) })),
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
}
