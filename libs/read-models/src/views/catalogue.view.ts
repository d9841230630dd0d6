import { Injectable } from '@nestjs/common';
import {
  AssignedMeasure,
  CampaignEvent,
  CampaignSource,
  evolveMeasure,
  isMeasureEvent,
  MeasureEvent,
  MeasureState,
  TrackerEvent,
} from '@tracker/domain';
import { RecordedEvent } from '@tracker/event-store';
import { Projection } from './projection';

export interface ProblemRecord {
  id: string;
  campaignId: string;
  number: number;
  title: string;
  description: string | null;
  category: string | null;
  rootCause: string | null;
  departmentIds: string[];
  measureIds: string[];
}

export interface CampaignRecord {
  id: string;
  title: string;
  source: CampaignSource;
  issuedOn: string;
  description: string | null;
  launchedAt: string;
  launchedBy: string;
  revision: bigint;
  problemIds: string[];
}

export interface MeasureRecord {
  state: AssignedMeasure;
  revision: bigint;
  updatedAt: string;
}

/** Campaigns → problems → measures with each measure's current state. */
@Injectable()
export class CatalogueView implements Projection {
  readonly name = 'catalogue';
  private readonly campaigns = new Map<string, CampaignRecord>();
  private readonly problems = new Map<string, ProblemRecord>();
  private readonly measures = new Map<string, MeasureRecord>();

  apply(event: TrackerEvent, recorded: RecordedEvent): void {
    if (isMeasureEvent(event)) this.applyMeasure(event, recorded);
    else if (
      event.type === 'CampaignLaunched' ||
      event.type === 'ProblemRecorded' ||
      event.type === 'MeasureAdded'
    )
      this.applyCampaign(event, recorded);
  }

  private applyCampaign(e: CampaignEvent, event: RecordedEvent): void {
    switch (e.type) {
      case 'CampaignLaunched':
        this.campaigns.set(e.data.campaignId, {
          id: e.data.campaignId,
          title: e.data.title,
          source: e.data.source,
          issuedOn: e.data.issuedOn,
          description: e.data.description,
          launchedAt: event.metadata.recordedAt,
          launchedBy: event.metadata.actor.userId,
          revision: event.revision,
          problemIds: [],
        });
        return;
      case 'ProblemRecorded': {
        const { problemId, ...rest } = e.data;
        this.problems.set(problemId, { id: problemId, ...rest, measureIds: [] });
        this.touchCampaign(e.data.campaignId, event.revision, (c) => c.problemIds.push(problemId));
        return;
      }
      case 'MeasureAdded': {
        const problem = this.problems.get(e.data.problemId);
        if (problem) problem.measureIds.push(e.data.measureId);
        this.touchCampaign(e.data.campaignId, event.revision, () => undefined);
        return;
      }
    }
  }

  private touchCampaign(id: string, revision: bigint, change: (c: CampaignRecord) => void) {
    const campaign = this.campaigns.get(id);
    if (!campaign) return;
    change(campaign);
    campaign.revision = revision;
  }

  private applyMeasure(e: MeasureEvent, event: RecordedEvent): void {
    const measureId = e.data.measureId;
    const previous: MeasureState = this.measures.get(measureId)?.state ?? { status: 'unassigned' };
    const next = evolveMeasure(previous, e);
    if (next.status === 'unassigned') return;
    this.measures.set(measureId, {
      state: next,
      revision: event.revision,
      updatedAt: event.metadata.recordedAt,
    });
  }

  listCampaigns(): CampaignRecord[] {
    return [...this.campaigns.values()].sort((a, b) => b.issuedOn.localeCompare(a.issuedOn));
  }

  campaign(id: string): CampaignRecord | undefined {
    return this.campaigns.get(id);
  }

  problem(id: string): ProblemRecord | undefined {
    return this.problems.get(id);
  }

  measure(id: string): MeasureRecord | undefined {
    return this.measures.get(id);
  }

  problemsOf(campaign: CampaignRecord): ProblemRecord[] {
    return campaign.problemIds
      .map((id) => this.problems.get(id))
      .filter((p): p is ProblemRecord => p !== undefined);
  }

  measuresOf(problem: ProblemRecord): MeasureRecord[] {
    return problem.measureIds
      .map((id) => this.measures.get(id))
      .filter((m): m is MeasureRecord => m !== undefined);
  }
}
