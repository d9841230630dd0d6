import { MeasureLine, TrackerEvent } from '@tracker/domain';
import { FeedEvent } from '@tracker/event-store';
import { CheckpointedProjection } from './checkpointed-projection';
import { courtDayOf } from './court-day';
import { DocumentTable } from './document-table';
import { decodeLine, EncodedLine, encodeLine } from './line-codec';
import { foldMeasureLine } from './measure-lines';

/**
 * The measure model the wall chart, the ledger, the report figures and the bulletins read: one
 * line per assigned measure, folded once and stored once. The projections that lay measures out
 * (by campaign and problem, by ledger row) keep only their own structure and read lines here.
 */
export class MeasuresProjection implements CheckpointedProjection {
  readonly name = 'measures';
  readonly version = 1;
  readonly lines = new DocumentTable<MeasureLine>('lines', {
    encode: encodeLine,
    decode: (stored) => decodeLine(stored as EncodedLine),
  });
  readonly tables = [this.lines];
  /** campaignId → its measures' ids in assignment order; derived from the lines. */
  private readonly byCampaign = new Map<string, string[]>();
  private readonly courtDay: (isoInstant: string) => string;

  constructor(timeZone: string) {
    this.courtDay = courtDayOf(timeZone);
  }

  apply(event: TrackerEvent, recorded: FeedEvent): void {
    const line = foldMeasureLine(event, recorded, (id) => this.lines.get(id), this.courtDay);
    if (!line) return;
    if (!this.lines.has(line.measureId)) this.index(line);
    this.lines.set(line.measureId, line);
  }

  reindex(): void {
    this.byCampaign.clear();
    for (const line of this.lines.values()) this.index(line);
  }

  line(measureId: string): MeasureLine | undefined {
    return this.lines.get(measureId);
  }

  linesOfCampaign(campaignId: string): MeasureLine[] {
    return (this.byCampaign.get(campaignId) ?? []).map((id) => this.lines.get(id) as MeasureLine);
  }

  private index(line: MeasureLine): void {
    const ids = this.byCampaign.get(line.campaignId);
    if (ids) ids.push(line.measureId);
    else this.byCampaign.set(line.campaignId, [line.measureId]);
  }
}
