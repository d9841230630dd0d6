import { Inject, Injectable } from '@nestjs/common';
import { addDays, bulletinDecider, bulletinFigures, streams, SYSTEM_ACTOR } from '@tracker/domain';
import { EventSourcedWriter } from '../../api/src/event-sourcing/event-sourced-writer';
import { CourtCalendar } from '../../api/src/infrastructure/clock';
import { ReadModels } from '../../api/src/read-models/read-models.service';
import { WORKER_CONFIG, WorkerConfig } from './worker.config';

/** 督办通报: draws up the period's per-department figures from the read model and stores them. */
@Injectable()
export class BulletinService {
  constructor(
    private readonly writer: EventSourcedWriter,
    private readonly readModels: ReadModels,
    private readonly calendar: CourtCalendar,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {}

  async issue(periodDays = 7): Promise<string> {
    const asOf = this.calendar.today();
    const { catalogue } = this.readModels;
    const measures = catalogue
      .listCampaigns()
      .flatMap((c) => catalogue.problemsOf(c))
      .flatMap((p) => catalogue.measuresOf(p))
      .map(({ state }) => ({
        departmentId: state.departmentId,
        status: state.status,
        dueDate: state.dueDate,
      }));
    const lines = bulletinFigures(measures, asOf, this.config);
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
