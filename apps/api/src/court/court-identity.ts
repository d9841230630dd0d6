import { Inject, Injectable } from '@nestjs/common';
import { Clock, CourtCalendar } from '@tracker/command-path';
import { DocumentStamp } from '@tracker/documents';
import { APP_CONFIG, AppConfig } from '@tracker/platform';
import { anchorFingerprint, latestAnchor } from '@tracker/audit';
import { EVENT_STORE, EventStore } from '@tracker/event-store';

/** The court's identity (COURT_NAME, BULLETIN_ISSUER) and the stamp every exported document carries. */
@Injectable()
export class CourtIdentity {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly calendar: CourtCalendar,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  get courtName(): string {
    return this.config.courtName;
  }

  get bulletinIssuer(): string {
    return this.config.bulletinIssuer;
  }

  /** Made now, by this court, against its latest audit anchor. */
  async stamp(): Promise<DocumentStamp> {
    const latest = await latestAnchor(this.store);
    return {
      courtName: this.config.courtName,
      exportedAt: this.clock.now(),
      timeZone: this.calendar.timeZone,
      anchor: latest && {
        fingerprint: anchorFingerprint(latest.statement, latest.signature),
        anchoredAt: new Date(latest.statement.anchoredAt),
      },
    };
  }
}
