/** Stream names: one stream per campaign, per measure, and one for the court's directory. */
export const streams = {
  campaign: (campaignId: string) => `campaign-${campaignId}`,
  measure: (measureId: string) => `measure-${measureId}`,
  directory: () => 'directory',
  /** 督办通报: one stream per bulletin, named by the court date it was drawn up on. */
  bulletin: (bulletinId: string) => `bulletin-${bulletinId}`,
  /** 登录日志: one stream per court day (YYYY-MM-DD), so each stays small. */
  access: (courtDay: string) => `access-${courtDay}`,
} as const;

export const STREAM_PREFIX = {
  campaign: 'campaign-',
  measure: 'measure-',
  directory: 'directory',
  bulletin: 'bulletin-',
  access: 'access-',
} as const;
