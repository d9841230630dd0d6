import { Inject, Injectable } from '@nestjs/common';
import { LookBackSettings } from '@tracker/domain';
import { CourtCalendar } from '@tracker/command-path';
import { APP_CONFIG, AppConfig } from '@tracker/platform';

/** The domain's 回头看 settings (LOOK_BACK_MONTHS), with midnight taken in the court's time zone. */
@Injectable()
export class CourtLookBackSettings implements LookBackSettings {
  readonly months: readonly number[];

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly calendar: CourtCalendar,
  ) {
    this.months = config.lookBackMonths;
  }

  startOfDay(date: string): Date {
    return this.calendar.instantAt(date, 0);
  }
}
