import { MeasureLine, TrackerEvent } from '@tracker/domain';
import { FeedEvent } from '@tracker/event-store';
import { CheckpointedProjection } from './checkpointed-projection';
import { courtDayOf } from './court-day';
import { DocumentTable } from './document-table';
import { decodeLine, EncodedLine, encodeLine } from './line-codec';
import { foldMeasureLine } from './measure-lines';

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

/** 挂图作战: campaigns → problems → measure lines, in the order they were recorded. */
export class BoardProjection implements CheckpointedProjection {
  readonly name = 'board';
  /** 2: documents keep the order they were first written in (rowid tables). */
  readonly version = 2;
  readonly campaigns = new DocumentTable<BoardCampaign>('campaigns');
  readonly problems = new DocumentTable<BoardProblem>('problems');
  readonly lines = new DocumentTable<MeasureLine>('lines', {
    encode: encodeLine,
    decode: (stored) => decodeLine(stored as EncodedLine),
  });
  readonly tables = [this.campaigns, this.problems, this.lines];
  private readonly courtDay: (isoInstant: string) => string;

  constructor(timeZone: string) {
    this.courtDay = courtDayOf(timeZone);
  }

  apply(event: TrackerEvent, recorded: FeedEvent): void {
    const line = foldMeasureLine(event, recorded, (id) => this.lines.get(id), this.courtDay);
    if (line) return this.lines.set(line.measureId, line);
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
        .map((id) => this.lines.get(id))
        .filter((l): l is MeasureLine => l !== undefined);
      return [{ problem, lines }];
    });
  }
}
