import { OnModuleDestroy, Provider } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@tracker/event-store';
import {
  AlertsView,
  BoardProjection,
  BoardQuery,
  BulletinsView,
  CatalogueView,
  DirectoryView,
  LedgerProjection,
  LedgerQuery,
  MeasuresProjection,
  ReadModels,
  readModelSet,
  ReadModelSet,
  ReportSettings,
  SummaryProjection,
  SummaryQuery,
} from '@tracker/read-models';
import { join } from 'node:path';
import { AppConfig } from './app-config';

/** The file the read models persist to, beside the event store. */
export const readModelsPath = (dataDir: string) => join(dataDir, 'read-models.sqlite');

/** Every read model a process folds (the rebuild command and the bench build the same set). */
export function checkpointedProjections(timeZone: string): ReadModelSet {
  return readModelSet(timeZone);
}

/** The read models as a Nest provider: saved, closed and released on shutdown. */
class ManagedReadModels extends ReadModels implements OnModuleDestroy {
  onModuleDestroy(): Promise<void> {
    return this.stop();
  }
}

/** Providers for every read model, each injectable by its class, and the queries over them. */
export function projectionProviders(config: AppConfig): Provider[] {
  const set = checkpointedProjections(config.courtTimezone);
  return [
    { provide: ReportSettings, useValue: new ReportSettings(config.dueSoonDays) },
    { provide: DirectoryView, useValue: set.directory },
    { provide: CatalogueView, useValue: set.catalogue },
    { provide: AlertsView, useValue: set.alerts },
    { provide: BulletinsView, useValue: set.bulletins },
    { provide: MeasuresProjection, useValue: set.measures },
    { provide: BoardProjection, useValue: set.board },
    { provide: LedgerProjection, useValue: set.ledger },
    { provide: SummaryProjection, useValue: set.summary },
    {
      provide: ReadModels,
      useFactory: (store: EventStore) => new ManagedReadModels(store, readModelsPath(config.dataDir), set),
      inject: [EVENT_STORE],
    },
    BoardQuery,
    LedgerQuery,
    SummaryQuery,
  ];
}
