import { Inject, Injectable } from '@nestjs/common';
import { drawUpBulletin, SYSTEM_ACTOR } from '@tracker/domain';
import { EventSourcedWriter, issueBulletin } from '@tracker/command-path';
import { CourtCalendar } from '@tracker/command-path';
import { MeasuresProjection } from '@tracker/read-models';
import { WORKER_CONFIG, WorkerConfig } from './worker.config';

/** 督办通报: the weekly run draws up the period's per-department figures and issues the year's next bulletin. */
@Injectable()
export class BulletinService {
  constructor(
    private readonly writer: EventSourcedWriter,
    private readonly measures: MeasuresProjection,
    private readonly calendar: CourtCalendar,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {}

  /** Issues the bulletin of the week ending today; a repeated run the same day records nothing. Returns its id. */
  async issue(periodDays = 7): Promise<string | null> {
    const today = this.calendar.today();
    // The measure lines the wall chart reads too, so the bulletin and the board of the same day agree.
    const data = drawUpBulletin([...this.measures.lines.values()], {
      requestId: `schedule-${today}`,
      issuedOn: today,
      periodEnd: today,
      periodDays,
      rules: { ladder: this.config.ladder },
    });
    const issued = await issueBulletin(this.writer, data, {
      actor: SYSTEM_ACTOR,
      idempotencyKey: null,
      correlationId: `bulletin-${today}`,
      causationId: null,
    });
    return issued?.bulletinId ?? null;
  }
}
