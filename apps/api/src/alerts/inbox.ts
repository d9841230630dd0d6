import { Actor, alertConcerns } from '@tracker/domain';
import { AlertsView, OpenAlert } from '@tracker/read-models';

/** The open alerts addressed to a user: GET /me/alerts lists them, GET /me counts the unread. */
export function inboxOf(alerts: AlertsView, user: Actor): OpenAlert[] {
  return alerts.open().filter(({ alert, measure }) => alertConcerns(user, measure, alert.level));
}

export function unreadCount(alerts: AlertsView, user: Actor): number {
  return inboxOf(alerts, user).filter(({ alert }) => !alert.acknowledgedBy.includes(user.userId)).length;
}
