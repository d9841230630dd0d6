import { Inject, Injectable } from '@nestjs/common';
import { addDays, bulletinDecider, bulletinFigures, streams, SYSTEM_ACTOR } from '@tracker/domain';
import { EventSourcedWriter } from '@tracker/command-path';
import { CourtCalendar } from '@tracker/command-path';
import { MeasuresProjection } from '@tracker/read-models';
import { WORKER_CONFIG, WorkerConfig } from './worker.config';

/** 督办通报: draws up the period's per-department figures from the read model and stores them. */
@Injectable()
export class BulletinService {
  constructor(
    private readonly writer: EventSourcedWriter,
    private readonly measures: MeasuresProjection,
    private readonly calendar: CourtCalendar,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {}

  async issue(periodDays = 7): Promise<string> {
    const asOf = this.calendar.today();
    // The measure lines the wall chart reads too, so the bulletin and the board of the same day agree.
    const lines = bulletinFigures([...this.measures.lines.values()], asOf, this.config);
    const data = { bulletinId: asOf, periodStart: addDays(asOf, -periodDays), asOf, lines };
    await this.writer.write({
      streamName: streams.bulletin(asOf),
      decider: bulletinDecider,
      commandName: 'IssueBulletin',
      meta: {
        actor: SYSTEM_ACTOR,
        idempotencyKey: null,
        correlationId: `bulletin-${asOf}`,
        causationId: null,
      },
      command: (context) => ({ type: 'IssueBulletin' as const, data, context }),
      result: () => undefined,
    });
    return asOf;
  }
}
