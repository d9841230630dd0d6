import { CalendarDate, MeasureLine, TrackerEvent } from '@tracker/domain';
import { FeedEvent } from '@tracker/event-store';
import { CheckpointedProjection } from './checkpointed-projection';
import { DocumentTable } from './document-table';
import { MeasuresProjection } from './measures.projection';

/** A campaign's figures for reports: its problem count and the lines its measure counts come from. */
export interface CampaignFigures {
  campaignId: string;
  problems: number;
  lines: MeasureLine[];
}

interface CampaignCount {
  campaignId: string;
  problems: number;
  /** The court day it was launched. */
  launchedOn: CalendarDate;
  /** The court day each problem was recorded, in order (so a past day's count is read, not replayed). */
  problemDays: CalendarDate[];
}

/** Report figures (整改情况统计): a problem count per campaign; the measures are the measure model's. */
export class SummaryProjection implements CheckpointedProjection {
  readonly name = 'summary';
  /** 3: lines are read from the measure model instead of a copy per campaign; 4: the days of launch and problems. */
  readonly version = 4;
  readonly campaigns = new DocumentTable<CampaignCount>('campaigns');
  readonly tables = [this.campaigns];

  constructor(private readonly measures: MeasuresProjection) {}

  apply(event: TrackerEvent, recorded: FeedEvent): void {
    switch (event.type) {
      case 'CampaignLaunched':
        this.campaigns.set(event.data.campaignId, {
          campaignId: event.data.campaignId,
          problems: 0,
          launchedOn: this.measures.courtDay(recorded.metadata.recordedAt),
          problemDays: [],
        });
        return;
      case 'ProblemRecorded': {
        const count = this.campaigns.get(event.data.campaignId);
        if (!count) return;
        count.problems += 1;
        count.problemDays.push(this.measures.courtDay(recorded.metadata.recordedAt));
        this.campaigns.touch(event.data.campaignId);
        return;
      }
    }
  }

  /** Undefined for a campaign not launched (yet). */
  figuresOf(campaignId: string): CampaignFigures | undefined {
    const count = this.campaigns.get(campaignId);
    if (!count) return undefined;
    return { campaignId, problems: count.problems, lines: this.measures.linesOfCampaign(campaignId) };
  }

  /** The figures as they stood at the end of `day`; undefined for a campaign not launched by then. */
  figuresAsOf(campaignId: string, day: CalendarDate): CampaignFigures | undefined {
    const count = this.campaigns.get(campaignId);
    if (!count || count.launchedOn > day) return undefined;
    const problems = count.problemDays.filter((d) => d <= day).length;
    return { campaignId, problems, lines: this.measures.asOf(day).linesOfCampaign(campaignId) };
  }
}
