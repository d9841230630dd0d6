import { Injectable } from '@nestjs/common';
import { AssignedMeasure, isAlertOpen, isAlertRaised, RecordedAlert, TrackerEvent } from '@tracker/domain';
import { FeedEvent } from '@tracker/event-store';
import { CatalogueView } from './catalogue.view';
import { CheckpointedProjection } from './checkpointed-projection';
import { DocumentTable, DocumentTableOptions } from './document-table';

export interface OpenAlert {
  alert: RecordedAlert;
  measure: AssignedMeasure;
  raisedAt: string;
}

/** alertId → when it was recorded, for one measure. */
type RaisedAt = Record<string, string>;

/**
 * Alerts raised by the schedulers, and which are still open (isAlertOpen). The fold keeps only
 * when each alert was raised, from the event itself; which alerts exist and whether they are
 * acknowledged is the measure model's (the catalogue's), joined when asked — so the two can be
 * folded, and rebuilt, independently.
 */
@Injectable()
export class AlertsView implements CheckpointedProjection {
  readonly name = 'alerts';
  readonly version = 1;
  /** measureId → alertId → recordedAt */
  readonly raisedAt: DocumentTable<RaisedAt>;
  readonly tables: CheckpointedProjection['tables'];

  constructor(
    private readonly catalogue: CatalogueView,
    options: DocumentTableOptions = {},
  ) {
    this.raisedAt = new DocumentTable<RaisedAt>('raised_at', undefined, options);
    this.tables = [this.raisedAt];
  }

  apply(event: TrackerEvent, recorded: FeedEvent): void {
    if (!isAlertRaised(event)) return;
    const { measureId, alertId } = event.data;
    const times = this.raisedAt.get(measureId);
    if (times === undefined) return this.raisedAt.set(measureId, { [alertId]: recorded.metadata.recordedAt });
    times[alertId] = recorded.metadata.recordedAt;
    this.raisedAt.touch(measureId);
  }

  open(): OpenAlert[] {
    const open: OpenAlert[] = [];
    for (const [measureId, times] of this.raisedAt.entries()) {
      const record = this.catalogue.measure(measureId);
      if (!record) continue;
      const measure = record.state;
      for (const alert of measure.alerts) {
        if (isAlertOpen(alert, measure)) open.push({ alert, measure, raisedAt: times[alert.alertId] ?? '' });
      }
    }
    return open.sort(
      (a, b) => b.raisedAt.localeCompare(a.raisedAt) || a.alert.alertId.localeCompare(b.alert.alertId),
    );
  }
}
