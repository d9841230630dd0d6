/** Stream names: one stream per campaign, per measure, and one for the court's directory. */
export const streams = {
  campaign: (campaignId: string) => `campaign-${campaignId}`,
  measure: (measureId: string) => `measure-${measureId}`,
  directory: () => 'directory',
  /** 督办通报: one stream per bulletin, named by the court date it was drawn up on. */
  bulletin: (bulletinId: string) => `bulletin-${bulletinId}`,
} as const;

export const STREAM_PREFIX = {
  campaign: 'campaign-',
  measure: 'measure-',
  directory: 'directory',
  bulletin: 'bulletin-',
} as const;
