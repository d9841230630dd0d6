import { Injectable } from '@nestjs/common';
import { AssignedMeasure, isAlertOpen, RecordedAlert, TrackerEvent } from '@tracker/domain';
import { RecordedEvent } from '@tracker/event-store';
import { CatalogueView } from './catalogue.view';
import { Projection } from './projection';

export interface OpenAlert {
  alert: RecordedAlert;
  measure: AssignedMeasure;
  raisedAt: string;
}

/**
 * Alerts raised by the schedulers, and which are still open (isAlertOpen). The catalogue (folded
 * first) holds each measure's alerts and acknowledgements; this view adds when each was raised.
 */
@Injectable()
export class AlertsView implements Projection {
  readonly name = 'alerts';
  /** measureId → alertId → recordedAt */
  private readonly raisedAt = new Map<string, Map<string, string>>();

  constructor(private readonly catalogue: CatalogueView) {}

  apply(event: TrackerEvent, recorded: RecordedEvent): void {
    if (event.type !== 'DueSoonWarned' && event.type !== 'OverdueFlagged' && event.type !== 'Escalated')
      return;
    const { measureId, alertId } = event.data;
    const times = this.raisedAt.get(measureId) ?? new Map<string, string>();
    times.set(alertId, recorded.metadata.recordedAt);
    this.raisedAt.set(measureId, times);
  }

  open(): OpenAlert[] {
    const open: OpenAlert[] = [];
    for (const [measureId, times] of this.raisedAt) {
      const record = this.catalogue.measure(measureId);
      if (!record) continue;
      const measure = record.state;
      for (const alert of measure.alerts) {
        if (isAlertOpen(alert, measure))
          open.push({ alert, measure, raisedAt: times.get(alert.alertId) ?? '' });
      }
    }
    return open.sort(
      (a, b) => b.raisedAt.localeCompare(a.raisedAt) || a.alert.alertId.localeCompare(b.alert.alertId),
    );
  }
}
