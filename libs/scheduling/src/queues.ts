/** BullMQ queues of the worker. Job ids are deterministic and never contain ':'. */
export const QUEUES = {
  /** Delayed jobs, one per planned alert. */
  alerts: 'alerts',
  /** Job schedulers: the daily reconcile, the weekly bulletin and the daily audit anchor. */
  maintenance: 'maintenance',
  /** Outgoing webhook calls, retried with back-off. */
  webhooks: 'webhooks',
  /** Delayed jobs, one per planned 回头看 reminder. */
  lookBacks: 'look-backs',
} as const;

export const SCHEDULERS = {
  reconcile: 'daily-reconcile',
  bulletin: 'weekly-bulletin',
  anchor: 'daily-anchor',
} as const;

export const alertJobId = (measureId: string, alertId: string) => `${measureId}-${alertId}`;

export const lookBackJobId = (measureId: string, reviewId: string) => `${measureId}-lookback-${reviewId}`;
