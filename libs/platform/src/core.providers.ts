import { Provider } from '@nestjs/common';
import { Clock, CourtCalendar, EventSourcedWriter, WriterHooks } from '@tracker/command-path';
import { EVENT_STORE, EventStore } from '@tracker/event-store';
import { AppConfig } from './app-config';
import { projectionProviders, ReadModelScope } from './projection.providers';

/** What every process runs on; each start command builds it from the environment, tests from their own parts. */
export interface CoreDependencies {
  config: AppConfig;
  store: EventStore;
  clock: Clock;
}

/** The settings themselves, for the few providers that read one directly (the login throttle). */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** Optional: a process that serves reads gives the writer hooks to wait for its read models (the API does). */
export const WRITER_HOOKS = Symbol('WRITER_HOOKS');

/** The store, the clock and calendar, the command path and a scope's read models: shared by the API and the worker. */
export function coreProviders(
  { config, store, clock }: CoreDependencies,
  scope: ReadModelScope = 'api',
): Provider[] {
  return [
    { provide: APP_CONFIG, useValue: config },
    { provide: EVENT_STORE, useValue: store },
    { provide: Clock, useValue: clock },
    { provide: CourtCalendar, useValue: new CourtCalendar(clock, config.courtTimezone) },
    {
      provide: EventSourcedWriter,
      useFactory: (calendar: CourtCalendar, hooks: WriterHooks | undefined) =>
        new EventSourcedWriter(store, clock, calendar, hooks ?? {}),
      inject: [CourtCalendar, { token: WRITER_HOOKS, optional: true }],
    },
    ...projectionProviders(config, scope),
  ];
}
