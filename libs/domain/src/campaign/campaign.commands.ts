import { CalendarDate } from '../shared/calendar-date';
import { CommandContext } from '../shared/command-context';
import { References } from '../shared/references';
import { CampaignLaunched } from './campaign.events';

export interface LaunchCampaign {
  type: 'LaunchCampaign';
  /** Exactly what CampaignLaunched records. */
  data: CampaignLaunched['data'];
  context: CommandContext;
}

export interface RecordProblem {
  type: 'RecordProblem';
  data: {
    problemId: string;
    title: string;
    description: string | null;
    category: string | null;
    rootCause: string | null;
    departmentIds: string[];
  };
  context: CommandContext;
  references: References;
}

/** Reserve the next measure number under a problem; the dates are checked against the plan. */
export interface AddMeasure {
  type: 'AddMeasure';
  data: {
    problemId: string;
    measureId: string;
    dueDate: CalendarDate | null;
    milestoneDates: CalendarDate[];
  };
  context: CommandContext;
}

export type CampaignCommand = LaunchCampaign | RecordProblem | AddMeasure;
