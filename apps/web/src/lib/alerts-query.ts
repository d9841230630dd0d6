/**
 * The filters of GET /api/v1/alerts. Their names are changing (campaign → campaignId, …): this is the
 * one place that spells them.
 */
export interface AlertFilters {
  level?: 'due_soon' | 'overdue' | 'escalated';
  campaignId?: string;
  measureId?: string;
  departmentId?: string;
  leaderId?: string;
}

const PARAM: Record<keyof AlertFilters, string> = {
  level: 'level',
  campaignId: 'campaign',
  measureId: 'measure',
  departmentId: 'department',
  leaderId: 'leader',
};

export function alertsPath(filters: AlertFilters = {}): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(PARAM) as (keyof AlertFilters)[]) {
    const value = filters[key];
    if (value) params.set(PARAM[key], value);
  }
  const query = params.toString();
  return `/api/v1/alerts${query ? `?${query}` : ''}`;
}
