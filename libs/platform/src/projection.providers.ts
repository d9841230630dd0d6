import { OnModuleDestroy, Provider } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@tracker/event-store';
import {
  AlertsView,
  BoardProjection,
  BoardQuery,
  BulletinsView,
  CatalogueView,
  CheckpointedProjection,
  DirectoryView,
  IssuedNoticesView,
  LedgerProjection,
  LedgerQuery,
  MeasuresProjection,
  NoticesView,
  ReadModels,
  readModelSet,
  ReportSettings,
  schedulingReadModelSet,
  SummaryProjection,
  SummaryQuery,
} from '@tracker/read-models';
import { join } from 'node:path';
import { AppConfig } from './app-config';

/**
 * Which read models a process hosts: the API (alone or with the worker in it) serves every page;
 * the worker alone reads only what scheduling needs.
 */
export type ReadModelScope = 'api' | 'worker';
export const READ_MODEL_SCOPES: readonly ReadModelScope[] = ['api', 'worker'];

/**
 * The file a process's read models persist to, beside the event store. Each scope has its own,
 * so an API and a worker on one data directory both resume from their checkpoints.
 */
export const readModelsPath = (dataDir: string, scope: ReadModelScope = 'api') =>
  join(dataDir, scope === 'api' ? 'read-models.sqlite' : 'read-models.worker.sqlite');

/** The projections of a scope (the rebuild command and the bench build the same sets). */
export function checkpointedProjections(
  timeZone: string,
  scope: ReadModelScope = 'api',
): CheckpointedProjection[] {
  return Object.values(scope === 'api' ? readModelSet(timeZone) : schedulingReadModelSet(timeZone));
}

/** The read models as a Nest provider: saved, closed and released on shutdown. */
class ManagedReadModels extends ReadModels implements OnModuleDestroy {
  onModuleDestroy(): Promise<void> {
    return this.stop();
  }
}

function runnerProvider(config: AppConfig, scope: ReadModelScope, projections: object): Provider {
  return {
    provide: ReadModels,
    useFactory: (store: EventStore) =>
      new ManagedReadModels(
        store,
        readModelsPath(config.dataDir, scope),
        Object.values(projections) as CheckpointedProjection[],
      ),
    inject: [EVENT_STORE],
  };
}

/** Providers for a scope's read models, each injectable by its class, and the queries over them. */
export function projectionProviders(config: AppConfig, scope: ReadModelScope = 'api'): Provider[] {
  const settings = {
    provide: ReportSettings,
    useValue: new ReportSettings(config.dueSoonDays, config.supervisionLadder),
  };
  if (scope === 'worker') {
    const set = schedulingReadModelSet(config.courtTimezone);
    return [
      settings,
      { provide: CatalogueView, useValue: set.catalogue },
      { provide: MeasuresProjection, useValue: set.measures },
      { provide: IssuedNoticesView, useValue: set.issuedNotices },
      runnerProvider(config, scope, set),
    ];
  }
  const set = readModelSet(config.courtTimezone);
  return [
    settings,
    { provide: DirectoryView, useValue: set.directory },
    { provide: CatalogueView, useValue: set.catalogue },
    { provide: AlertsView, useValue: set.alerts },
    { provide: BulletinsView, useValue: set.bulletins },
    { provide: NoticesView, useValue: set.notices },
    { provide: IssuedNoticesView, useValue: set.issuedNotices },
    { provide: MeasuresProjection, useValue: set.measures },
    { provide: BoardProjection, useValue: set.board },
    { provide: LedgerProjection, useValue: set.ledger },
    { provide: SummaryProjection, useValue: set.summary },
    runnerProvider(config, scope, set),
    BoardQuery,
    LedgerQuery,
    SummaryQuery,
  ];
}
