/** Stream names: one stream per campaign, per measure, one for the court's directory, one per year of bulletins. */
export const streams = {
  campaign: (campaignId: string) => `campaign-${campaignId}`,
  measure: (measureId: string) => `measure-${measureId}`,
  directory: () => 'directory',
  /** 督办通报 of one year, numbered in it (第N期): the stream every bulletin is issued to. */
  bulletinYear: (year: number) => `bulletins-${year}`,
  /** 督办通报 issued before numbering (schema 1): one stream each, named by its date. Read only. */
  bulletin: (bulletinId: string) => `bulletin-${bulletinId}`,
  /** 督办单 of one year, numbered in it (督〔2026〕12号), with their receipts and replies. */
  noticeYear: (year: number) => `notices-${year}`,
  /** 登录日志: one stream per court day (YYYY-MM-DD), so each stays small. */
  access: (courtDay: string) => `access-${courtDay}`,
  /** 审计锚点: the signed anchors of the whole store, one stream for the court. */
  audit: () => 'audit',
} as const;

export const STREAM_PREFIX = {
  campaign: 'campaign-',
  measure: 'measure-',
  directory: 'directory',
  bulletin: 'bulletin-',
  access: 'access-',
  audit: 'audit',
  bulletinYear: 'bulletins-',
  noticeYear: 'notices-',
} as const;
