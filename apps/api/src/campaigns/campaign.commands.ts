import { CalendarDate, CampaignSource } from '@tracker/domain';
import { CommandMeta } from '@tracker/command-path';

export class LaunchCampaignCommand {
  constructor(
    readonly data: {
      title: string;
      source: CampaignSource;
      issuedOn: CalendarDate;
      description: string | null;
    },
    readonly meta: CommandMeta,
  ) {}
}

export class RecordProblemCommand {
  constructor(
    readonly campaignId: string,
    readonly data: {
      title: string;
      description: string | null;
      category: string | null;
      rootCause: string | null;
      departmentIds: string[];
    },
    readonly meta: CommandMeta,
  ) {}
}
