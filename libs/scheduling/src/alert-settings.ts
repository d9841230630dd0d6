import { Inject, Injectable } from '@nestjs/common';
import { AlertSettings, SupervisionLadder } from '@tracker/domain';
import { CourtCalendar } from '@tracker/command-path';
import { WORKER_CONFIG, WorkerConfig } from './worker.config';

/** The domain's alert settings, with midnight taken in the court's time zone. */
@Injectable()
export class CourtAlertSettings implements AlertSettings {
  readonly ladder: SupervisionLadder;

  constructor(
    @Inject(WORKER_CONFIG) config: WorkerConfig,
    private readonly calendar: CourtCalendar,
  ) {
    this.ladder = config.ladder;
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
