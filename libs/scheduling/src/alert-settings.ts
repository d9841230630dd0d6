import { Inject, Injectable } from '@nestjs/common';
import { AlertSettings } from '@tracker/domain';
import { CourtCalendar } from '@tracker/command-path';
import { WORKER_CONFIG, WorkerConfig } from './worker.config';

/** The domain's alert settings, with midnight taken in the court's time zone. */
@Injectable()
export class CourtAlertSettings implements AlertSettings {
  readonly dueSoonDays: number;
  readonly escalateAfterDays: number;

  constructor(
    @Inject(WORKER_CONFIG) config: WorkerConfig,
    private readonly calendar: CourtCalendar,
  ) {
    this.dueSoonDays = config.dueSoonDays;
    this.escalateAfterDays = config.escalateAfterDays;
  }

  /** Every alert of every measure is planned from a few hundred dates; Intl time zone math is not cheap. */
  private readonly midnights = new Map<string, Date>();

  startOfDay(date: string): Date {
    let midnight = this.midnights.get(date);
    if (!midnight) {
      midnight = this.calendar.instantAt(date, 0);
      this.midnights.set(date, midnight);
    }
    return midnight;
  }
}
