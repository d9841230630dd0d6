import { Injectable } from '@nestjs/common';
import {
  AssignedMeasure,
  attachmentsOf,
  CampaignSource,
  evolveMeasure,
  isMeasureEvent,
  MeasureEvent,
  TrackerEvent,
} from '@tracker/domain';
import { FeedEvent } from '@tracker/event-store';
import { CheckpointedProjection } from './checkpointed-projection';
import { bigintField } from './codecs';
import { DocumentLoading, DocumentTable } from './document-table';

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

export interface CatalogueOptions {
  /**
   * When problems and measure states are read from the read-model file (see `DocumentLoading`):
   * the API reads them by key (a measure's page, a command's problem) and the rest after it
   * serves; the worker's start-up sweep reads only the measures touched since its last complete sweep.
   */
  loading?: DocumentLoading;
}

/** Campaigns → problems → measures with each measure's current state (the measure model commands and alerts read). */
@Injectable()
export class CatalogueView implements CheckpointedProjection {
  readonly name = 'catalogue';
  // 2: alerts carry their step of the supervision ladder, recipients and notice.
  readonly version = 2;
  readonly campaigns = new DocumentTable<CampaignRecord>('campaigns', bigintField('revision'));
  readonly problems: DocumentTable<ProblemRecord>;
  readonly measures: DocumentTable<MeasureRecord>;
  readonly tables: CheckpointedProjection['tables'];

  constructor(options: CatalogueOptions = {}) {
    const { loading } = options;
    this.problems = new DocumentTable<ProblemRecord>('problems', undefined, { loading });
    this.measures = new DocumentTable<MeasureRecord>('measures', bigintField('revision'), { loading });
    this.tables = [this.campaigns, this.problems, this.measures];
  }

  apply(event: TrackerEvent, recorded: FeedEvent): void {
    if (isMeasureEvent(event)) return this.applyMeasure(event, recorded);
    switch (event.type) {
      case 'CampaignLaunched':
        this.campaigns.set(event.data.campaignId, {
          id: event.data.campaignId,
          title: event.data.title,
          source: event.data.source,
          issuedOn: event.data.issuedOn,
          description: event.data.description,
          launchedAt: recorded.metadata.recordedAt,
          launchedBy: recorded.metadata.actor.userId,
          revision: recorded.revision,
          problemIds: [],
        });
        return;
      case 'ProblemRecorded': {
        const { problemId, ...rest } = event.data;
        this.problems.set(problemId, { id: problemId, ...rest, measureIds: [] });
        this.touchCampaign(event.data.campaignId, recorded.revision, (c) => c.problemIds.push(problemId));
        return;
      }
      case 'MeasureAdded': {
        const problem = this.problems.get(event.data.problemId);
        if (problem) {
          problem.measureIds.push(event.data.measureId);
          this.problems.touch(problem.id);
        }
        this.touchCampaign(event.data.campaignId, recorded.revision, () => undefined);
        return;
      }
    }
  }

  private touchCampaign(id: string, revision: bigint, change: (c: CampaignRecord) => void) {
    const campaign = this.campaigns.get(id);
    if (!campaign) return;
    change(campaign);
    campaign.revision = revision;
    this.campaigns.touch(id);
  }

  private applyMeasure(event: MeasureEvent, recorded: FeedEvent): void {
    const measureId = event.data.measureId;
    const next = evolveMeasure(this.measures.get(measureId)?.state ?? { status: 'unassigned' }, event);
    if (next.status === 'unassigned') return;
    this.measures.set(measureId, {
      state: next,
      revision: recorded.revision,
      updatedAt: recorded.metadata.recordedAt,
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

  /** attachmentId → measureId, filled as files are found (attachments never move between measures). */
  private readonly attachmentOwners = new Map<string, string>();

  /** The measure an evidence file (佐证材料) is attached to. */
  measureOfAttachment(attachmentId: string): MeasureRecord | undefined {
    const known = this.attachmentOwners.get(attachmentId);
    if (known !== undefined) return this.measures.get(known);
    for (const record of this.measures.values()) {
      for (const a of attachmentsOf(record.state))
        this.attachmentOwners.set(a.attachmentId, record.state.measureId);
      if (this.attachmentOwners.has(attachmentId)) return record;
    }
    return undefined;
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
