import { MeasureLine, TrackerEvent } from '@tracker/domain';
import { CheckpointedProjection } from './checkpointed-projection';
import { DocumentTable } from './document-table';
import { MeasuresProjection } from './measures.projection';

export interface BoardCampaign {
  id: string;
  title: string;
  problemIds: string[];
}

export interface BoardProblem {
  id: string;
  campaignId: string;
  number: number;
  title: string;
  measureIds: string[];
}

/** 挂图作战: campaigns → problems → measures, in the order they were recorded; the lines are the measure model's. */
export class BoardProjection implements CheckpointedProjection {
  readonly name = 'board';
  /** 3: lines moved to the measure model. */
  readonly version = 3;
  readonly campaigns = new DocumentTable<BoardCampaign>('campaigns');
  readonly problems = new DocumentTable<BoardProblem>('problems');
  readonly tables = [this.campaigns, this.problems];

  constructor(private readonly measures: MeasuresProjection) {}

  apply(event: TrackerEvent): void {
    switch (event.type) {
      case 'CampaignLaunched':
        this.campaigns.set(event.data.campaignId, {
          id: event.data.campaignId,
          title: event.data.title,
          problemIds: [],
        });
        return;
      case 'ProblemRecorded': {
        const { problemId, campaignId, number, title } = event.data;
        this.problems.set(problemId, { id: problemId, campaignId, number, title, measureIds: [] });
        this.campaigns.get(campaignId)?.problemIds.push(problemId);
        this.campaigns.touch(campaignId);
        return;
      }
      case 'MeasureAdded':
        this.problems.get(event.data.problemId)?.measureIds.push(event.data.measureId);
        this.problems.touch(event.data.problemId);
        return;
    }
  }

  /** The lines of a campaign, problem by problem. */
  linesOf(campaign: BoardCampaign): { problem: BoardProblem; lines: MeasureLine[] }[] {
    return campaign.problemIds.flatMap((problemId) => {
      const problem = this.problems.get(problemId);
      if (!problem) return [];
      const lines = problem.measureIds
        .map((id) => this.measures.line(id))
        .filter((l): l is MeasureLine => l !== undefined);
      return [{ problem, lines }];
    });
  }
}
