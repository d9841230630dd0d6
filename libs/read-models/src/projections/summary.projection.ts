import { MeasureLine, TrackerEvent } from '@tracker/domain';
import { FeedEvent } from '@tracker/event-store';
import { CheckpointedProjection } from './checkpointed-projection';
import { courtDayOf } from './court-day';
import { DocumentTable } from './document-table';
import { decodeLine, EncodedLine, encodeLine } from './line-codec';
import { foldMeasureLine } from './measure-lines';

/** A campaign's figures for reports: its problem count and the lines its measure counts come from. */
export interface CampaignFigures {
  campaignId: string;
  problems: number;
  lines: Record<string, MeasureLine>;
}

/** Report figures (整改情况统计), one document per campaign. */
export class SummaryProjection implements CheckpointedProjection {
  readonly name = 'summary';
  /** 2: documents keep the order they were first written in (rowid tables). */
  readonly version = 2;
  readonly campaigns = new DocumentTable<CampaignFigures>('campaigns', {
    encode: (figures) => ({ ...figures, lines: mapLines(figures.lines, encodeLine) }),
    decode: (stored) => {
      const figures = stored as Omit<CampaignFigures, 'lines'> & { lines: Record<string, EncodedLine> };
      return { ...figures, lines: mapLines(figures.lines, decodeLine) };
    },
  });
  readonly tables = [this.campaigns];
  /** Which campaign a measure belongs to (measure events name only the measure); derived from the documents. */
  private readonly campaignOfMeasure = new Map<string, string>();
  private readonly courtDay: (isoInstant: string) => string;

  constructor(timeZone: string) {
    this.courtDay = courtDayOf(timeZone);
  }

  apply(event: TrackerEvent, recorded: FeedEvent): void {
    const line = foldMeasureLine(event, recorded, (id) => this.lineOf(id), this.courtDay);
    if (line) {
      const figures = this.campaigns.get(line.campaignId);
      if (!figures) return;
      if (!(line.measureId in figures.lines)) this.campaignOfMeasure.set(line.measureId, line.campaignId);
      figures.lines[line.measureId] = line;
      return this.campaigns.touch(line.campaignId);
    }
    switch (event.type) {
      case 'CampaignLaunched':
        this.campaigns.set(event.data.campaignId, {
          campaignId: event.data.campaignId,
          problems: 0,
          lines: {},
        });
        return;
      case 'ProblemRecorded': {
        const figures = this.campaigns.get(event.data.campaignId);
        if (!figures) return;
        figures.problems += 1;
        this.campaigns.touch(event.data.campaignId);
        return;
      }
    }
  }

  reindex(): void {
    this.campaignOfMeasure.clear();
    for (const figures of this.campaigns.values()) {
      for (const id in figures.lines) this.campaignOfMeasure.set(id, figures.campaignId);
    }
  }

  private lineOf(measureId: string): MeasureLine | undefined {
    const campaignId = this.campaignOfMeasure.get(measureId);
    return campaignId === undefined ? undefined : this.campaigns.get(campaignId)?.lines[measureId];
  }
}

function mapLines<A, B>(lines: Record<string, A>, f: (line: A) => B): Record<string, B> {
  const mapped: Record<string, B> = {};
  for (const id in lines) mapped[id] = f(lines[id]);
  return mapped;
}
