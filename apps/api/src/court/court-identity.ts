import { Inject, Injectable } from '@nestjs/common';
import { Clock, CourtCalendar } from '@tracker/command-path';
import { DocumentStamp } from '@tracker/documents';
import { APP_CONFIG, AppConfig } from '@tracker/platform';

/** The court's identity (COURT_NAME, BULLETIN_ISSUER) and the stamp every exported document carries. */
@Injectable()
export class CourtIdentity {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly calendar: CourtCalendar,
  ) {}

  get courtName(): string {
    return this.config.courtName;
  }

  get bulletinIssuer(): string {
    return this.config.bulletinIssuer;
  }

  /** Made now, by this court. The audit anchor (issue 15) is added here once it exists. */
  stamp(): DocumentStamp {
    return {
      courtName: this.config.courtName,
      exportedAt: this.clock.now(),
      timeZone: this.calendar.timeZone,
      anchor: null,
    };
  }
}
