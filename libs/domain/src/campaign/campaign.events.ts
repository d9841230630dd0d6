import { CalendarDate } from '../shared/calendar-date';

export const CAMPAIGN_SOURCES = [
  'self_inspection', // 自查自纠
  'inspection_feedback', // 巡视巡察反馈
  'assessment_feedback', // 考核反馈
  'democratic_life_meeting', // 民主生活会
  'theme_education', // 主题教育检视
  'special_campaign', // 专项整治
  'audit', // 审计
  'public_feedback', // 群众反映
] as const;
export type CampaignSource = (typeof CAMPAIGN_SOURCES)[number];

/** 整改专项 launched: the rectification plan (整改方案) begins. */
export interface CampaignLaunched {
  type: 'CampaignLaunched';
  data: {
    campaignId: string;
    title: string;
    source: CampaignSource;
    issuedOn: CalendarDate;
    description: string | null;
  };
}

/** A problem (问题) entered in the campaign's problem list, numbered 1, 2, 3… */
export interface ProblemRecorded {
  type: 'ProblemRecorded';
  data: {
    campaignId: string;
    problemId: string;
    number: number;
    title: string;
    description: string | null;
    category: string | null;
    rootCause: string | null;
    departmentIds: string[];
  };
}

/**
 * A measure number reserved under a problem (1.1, 1.2…). The measure's own stream then
 * starts with MeasureAssigned; the campaign stream keeps the numbering consistent.
 */
export interface MeasureAdded {
  type: 'MeasureAdded';
  data: { campaignId: string; problemId: string; measureId: string; number: string };
}

export type CampaignEvent = CampaignLaunched | ProblemRecorded | MeasureAdded;

export const CAMPAIGN_EVENT_TYPES: readonly CampaignEvent['type'][] = [
  'CampaignLaunched',
  'ProblemRecorded',
  'MeasureAdded',
];

export interface ProblemEntry {
  problemId: string;
  number: number;
  departmentIds: string[];
  measureIds: string[];
}

export type CampaignState =
  | { status: 'none' }
  | {
      status: 'active';
      campaignId: string;
      title: string;
      source: CampaignSource;
      issuedOn: CalendarDate;
      problems: ProblemEntry[];
    };
