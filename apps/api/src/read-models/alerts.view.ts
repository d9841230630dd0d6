import { Injectable } from '@nestjs/common';
import { addDays, AlertData, AlertRaised, AssignedMeasure, RecordedAlert } from '@tracker/domain';
import { RecordedEvent } from '@tracker/event-store';
import { CatalogueView } from './catalogue.view';
import { Projection } from './projection';

const RAISED = new Set<string>(['DueSoonWarned', 'OverdueFlagged', 'Escalated']);

export interface OpenAlert {
  alert: RecordedAlert;
  measure: AssignedMeasure;
  raisedAt: string;
}

/**
 * Alerts raised by the schedulers, and which are still open. The catalogue (folded first) holds
 * each measure's alerts and acknowledgements; this view adds when each was raised and decides
 * openness: the measure is still under way, the alert belongs to the current deadline version,
 * and nothing has answered it since.
 */
@Injectable()
export class AlertsView implements Projection {
  readonly name = 'alerts';
  /** measureId → alertId → recordedAt */
  private readonly raisedAt = new Map<string, Map<string, string>>();

  constructor(private readonly catalogue: CatalogueView) {}

  apply(event: RecordedEvent): void {
    if (!RAISED.has(event.type)) return;
    const { measureId, alertId } = event.data as AlertRaised['data'];
    const times = this.raisedAt.get(measureId) ?? new Map<string, string>();
    times.set(alertId, event.metadata.recordedAt);
    this.raisedAt.set(measureId, times);
  }

  open(): OpenAlert[] {
    const open: OpenAlert[] = [];
    for (const [measureId, times] of this.raisedAt) {
      const record = this.catalogue.measure(measureId);
      if (!record) continue;
      const measure = record.state;
      for (const alert of measure.alerts) {
        if (isOpen(alert, measure)) open.push({ alert, measure, raisedAt: times.get(alert.alertId) ?? '' });
      }
    }
    return open.sort(
      (a, b) => b.raisedAt.localeCompare(a.raisedAt) || a.alert.alertId.localeCompare(b.alert.alertId),
    );
  }
}

function isOpen(alert: AlertData, measure: AssignedMeasure): boolean {
  if (measure.status === 'signed_off' || measure.status === 'cancelled') return false;
  if (alert.deadlineVersion !== measure.deadlineVersion) return false;
  // 临期 is answered by 逾期 of the same deadline or milestone.
  if (
    alert.level === 'due_soon' &&
    measure.alerts.some(
      (a) =>
        a.level === 'overdue' &&
        a.subject === alert.subject &&
        a.milestoneId === alert.milestoneId &&
        a.deadlineVersion === alert.deadlineVersion,
    )
  ) {
    return false;
  }
  // A missed 长期坚持 report is answered by the next report.
  if (alert.subject === 'report' && measure.reportEveryDays !== null && measure.lastReportedOn !== null) {
    return addDays(measure.lastReportedOn, measure.reportEveryDays) <= alert.dueDate;
  }
  return true;
}
