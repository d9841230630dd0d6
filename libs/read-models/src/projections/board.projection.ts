import { CalendarDate, MeasureLine, TrackerEvent } from '@tracker/domain';
import { FeedEvent } from '@tracker/event-store';
import { CheckpointedProjection } from './checkpointed-projection';
import { DocumentTable } from './document-table';
import { BoardFacts, MeasureLinesOn, MeasuresProjection } from './measures.projection';

export interface BoardCampaign {
  id: string;
  title: string;
  problemIds: string[];
  /** The court day it was launched: a board of an earlier day does not show it. */
  launchedOn: CalendarDate;
}

export interface BoardProblem {
  id: string;
  campaignId: string;
  number: number;
  title: string;
  measureIds: string[];
  /** The court day it was recorded: a board of an earlier day does not show it. */
  recordedOn: CalendarDate;
}

/** 挂图作战: campaigns → problems → measures, in the order they were recorded; the lines are the measure model's. */
export class BoardProjection implements CheckpointedProjection {
  readonly name = 'board';
  /** 3: lines moved to the measure model; 4: the day each campaign and problem appeared. */
  readonly version = 4;
  readonly campaigns = new DocumentTable<BoardCampaign>('campaigns');
  readonly problems = new DocumentTable<BoardProblem>('problems');
  readonly tables = [this.campaigns, this.problems];

  constructor(private readonly measures: MeasuresProjection) {}

  apply(event: TrackerEvent, recorded: FeedEvent): void {
    switch (event.type) {
      case 'CampaignLaunched':
        this.campaigns.set(event.data.campaignId, {
          id: event.data.campaignId,
          title: event.data.title,
          problemIds: [],
          launchedOn: this.measures.courtDay(recorded.metadata.recordedAt),
        });
        return;
      case 'ProblemRecorded': {
        const { problemId, campaignId, number, title } = event.data;
        const recordedOn = this.measures.courtDay(recorded.metadata.recordedAt);
        this.problems.set(problemId, {
          id: problemId,
          campaignId,
          number,
          title,
          measureIds: [],
          recordedOn,
        });
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

  /**
   * The lines of a campaign, problem by problem. With `on` (the measure model at the end of a
   * day), only the problems recorded by that day, with the lines as they stood then.
   */
  linesOf(campaign: BoardCampaign, on?: MeasureLinesOn): { problem: BoardProblem; lines: MeasureLine[] }[] {
    const lineOf = on ? on.line : (id: string) => this.measures.line(id);
    return campaign.problemIds.flatMap((problemId) => {
      const problem = this.problems.get(problemId);
      if (!problem || (on && problem.recordedOn > on.day)) return [];
      const lines: MeasureLine[] = [];
      for (const id of problem.measureIds) {
        const line = lineOf(id);
        if (line !== undefined) lines.push(line);
      }
      return [{ problem, lines }];
    });
  }

  /**
   * `linesOf`, one line at a time and without the arrays: what a court-wide board walks on every
   * request. Of a past day it visits each line's `BoardFacts` only, read from memory.
   */
  forEachLine(
    campaign: BoardCampaign,
    on: MeasureLinesOn | undefined,
    visit: (problem: BoardProblem, line: BoardFacts) => void,
  ): void {
    for (const problemId of campaign.problemIds) {
      const problem = this.problems.get(problemId);
      if (!problem || (on && problem.recordedOn > on.day)) continue;
      if (on) {
        on.eachFacts(problem.measureIds, (facts) => visit(problem, facts));
        continue;
      }
      for (const id of problem.measureIds) {
        const line = this.measures.line(id);
        if (line !== undefined) visit(problem, line);
      }
    }
  }

  /** The campaigns launched by the end of `day`, in launch order. */
  campaignsOn(day: CalendarDate): BoardCampaign[] {
    const campaigns: BoardCampaign[] = [];
    for (const campaign of this.campaigns.values()) if (campaign.launchedOn <= day) campaigns.push(campaign);
    return campaigns;
  }
}
