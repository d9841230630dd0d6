import { Actor, alertConcerns, AssignedMeasure, Urging, urgingsOf } from '@tracker/domain';
import { AlertsView, CatalogueView, OpenAlert } from '@tracker/read-models';

/** The open alerts addressed to a user: GET /me/alerts lists them, GET /me counts the unread. */
export function inboxOf(alerts: AlertsView, user: Actor): OpenAlert[] {
  return alerts.open().filter(({ alert, measure }) => alertConcerns(user, measure, alert));
}

export function unreadCount(alerts: AlertsView, user: Actor): number {
  return inboxOf(alerts, user).filter(({ alert }) => !alert.acknowledgedBy.includes(user.userId)).length;
}

export interface OpenUrging {
  urging: Urging;
  measure: AssignedMeasure;
}

const UNDER_WAY = new Set(['assigned', 'in_progress', 'submitted']);

/**
 * 催办 addressed to me: the department head's, for their own department's measures, while the
 * measure is under way and the department has not reported since. Newest first.
 */
export function openUrgingsFor(catalogue: CatalogueView, user: Actor): OpenUrging[] {
  if (user.role !== 'department_head') return [];
  return catalogue
    .listCampaigns()
    .flatMap((c) => catalogue.problemsOf(c))
    .flatMap((p) => catalogue.measuresOf(p))
    .map((record) => record.state)
    .filter((measure) => measure.departmentId === user.departmentId && UNDER_WAY.has(measure.status))
    .flatMap((measure) =>
      urgingsOf(measure)
        .filter((urging) => !urging.answered)
        .map((urging) => ({ urging, measure })),
    )
    .sort((a, b) => b.urging.urgedOn.localeCompare(a.urging.urgedOn));
}
