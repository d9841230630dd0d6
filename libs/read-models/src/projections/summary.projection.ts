import { MeasureLine, TrackerEvent } from '@tracker/domain';
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
}

/** Report figures (整改情况统计): a problem count per campaign; the measures are the measure model's. */
export class SummaryProjection implements CheckpointedProjection {
  readonly name = 'summary';
  /** 3: lines are read from the measure model instead of a copy per campaign. */
  readonly version = 3;
  readonly campaigns = new DocumentTable<CampaignCount>('campaigns');
  readonly tables = [this.campaigns];

  constructor(private readonly measures: MeasuresProjection) {}

  apply(event: TrackerEvent): void {
    switch (event.type) {
      case 'CampaignLaunched':
        this.campaigns.set(event.data.campaignId, { campaignId: event.data.campaignId, problems: 0 });
        return;
      case 'ProblemRecorded': {
        const count = this.campaigns.get(event.data.campaignId);
        if (!count) return;
        count.problems += 1;
        this.campaigns.touch(event.data.campaignId);
        return;
      }
    }
  }

  /** Undefined for a campaign not launched (yet). */
  figuresOf(campaignId: string): CampaignFigures | undefined {
    const count = this.campaigns.get(campaignId);
    if (!count) return undefined;
    return { ...count, lines: this.measures.linesOfCampaign(campaignId) };
  }
}
