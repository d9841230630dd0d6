import { OnModuleDestroy, OnModuleInit, Provider } from '@nestjs/common';
import { EventStore } from '@tracker/event-store';
import { join } from 'node:path';
import { BoardQuery } from '@tracker/read-models';
import { AppConfig } from './app-config';
import { EVENT_STORE } from '@tracker/event-store';
import { LedgerQuery } from '@tracker/read-models';
import { SummaryQuery } from '@tracker/read-models';
import { BoardProjection } from '@tracker/read-models';
import { LedgerProjection } from '@tracker/read-models';
import { ProjectionRunner } from '@tracker/read-models';
import { ReadModelStore } from '@tracker/read-models';
import { ReportSettings } from '@tracker/read-models';
import { SummaryProjection } from '@tracker/read-models';

/** The file checkpointed projections persist to, beside the event store. */
export const readModelsPath = (dataDir: string) => join(dataDir, 'read-models.sqlite');

/** The checkpointed projections every process folds, in the order they are applied. */
export function checkpointedProjections(timeZone: string) {
  return {
    board: new BoardProjection(timeZone),
    ledger: new LedgerProjection(timeZone),
    summary: new SummaryProjection(timeZone),
  };
}

/** The runner as a Nest provider: opened (checkpoints checked) before the read models start; saved and closed on shutdown. */
class ManagedProjectionRunner extends ProjectionRunner implements OnModuleInit, OnModuleDestroy {
  constructor(
    store: EventStore,
    private readonly file: ReadModelStore,
    projections: ReturnType<typeof checkpointedProjections>,
  ) {
    super(store, file, Object.values(projections));
  }

  onModuleInit(): Promise<void> {
    return this.open();
  }

  onModuleDestroy(): void {
    this.stop();
    this.file.close();
  }
}

/** Providers for the wall chart, the ledger and the report figures. */
export function projectionProviders(config: AppConfig): Provider[] {
  const projections = checkpointedProjections(config.courtTimezone);
  return [
    { provide: ReportSettings, useValue: new ReportSettings(config.dueSoonDays) },
    { provide: BoardProjection, useValue: projections.board },
    { provide: LedgerProjection, useValue: projections.ledger },
    { provide: SummaryProjection, useValue: projections.summary },
    {
      provide: ProjectionRunner,
      useFactory: (store: EventStore) =>
        new ManagedProjectionRunner(store, new ReadModelStore(readModelsPath(config.dataDir)), projections),
      inject: [EVENT_STORE],
    },
    BoardQuery,
    LedgerQuery,
    SummaryQuery,
  ];
}
