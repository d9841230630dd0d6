import { Inject, Injectable } from '@nestjs/common';
import { AlertSettings } from '@tracker/domain';
import { CourtCalendar } from '../../api/src/infrastructure/clock';
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

  startOfDay(date: string): Date {
    return this.calendar.instantAt(date, 0);
  }
}
