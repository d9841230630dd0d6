/** Stream names: one stream per campaign, per measure, and one for the court's directory. */
export const streams = {
  campaign: (campaignId: string) => `campaign-${campaignId}`,
  measure: (measureId: string) => `measure-${measureId}`,
  directory: () => 'directory',
} as const;

export const STREAM_PREFIX = { campaign: 'campaign-', measure: 'measure-', directory: 'directory' } as const;
