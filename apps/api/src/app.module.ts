import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { JwtModule } from '@nestjs/jwt';
import { EventStore } from '@tracker/event-store';
import { AcknowledgeAlertHandler } from './alerts/acknowledge-alert.handler';
import { AlertsController } from './alerts/alerts.controller';
import { AuditController } from './audit/audit.controller';
import { AuthController } from './auth/auth.controller';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { PasswordHasher } from './auth/password-hasher';
import { RolesGuard } from './auth/roles.decorator';
import { LaunchCampaignHandler, RecordProblemHandler } from './campaigns/campaign.handlers';
import { CampaignsController } from './campaigns/campaigns.controller';
import { AppConfig } from './config/app-config';
import { DirectoryController } from './directory/directory.controller';
import { CreateDepartmentHandler, RegisterUserHandler } from './directory/directory.handlers';
import { EventSourcedWriter } from './event-sourcing/event-sourced-writer';
import { HealthController } from './health/health.controller';
import { ErrorFilter } from './http/error.filter';
import { createValidationPipe } from './http/validation';
import { Clock, CourtCalendar } from './infrastructure/clock';
import { EVENT_STORE } from './infrastructure/tokens';
import { AddMeasureHandler } from './measures/add-measure.handler';
import { MEASURE_ACTION_HANDLERS } from './measures/measure-action.handlers';
import { MeasuresController } from './measures/measures.controller';
import { MeController } from './me/me.controller';
import { AlertsView } from './read-models/alerts.view';
import { BulletinsView } from './read-models/bulletins.view';
import { BulletinsController } from './bulletins/bulletins.controller';
import { CatalogueView } from './read-models/catalogue.view';
import { DirectoryView } from './read-models/directory.view';
import { ReadModels } from './read-models/read-models.service';
import { BoardController } from './board/board.controller';
import { LedgerController } from './ledger/ledger.controller';
import { projectionProviders } from './projections/projection.providers';
import { SummaryController } from './summary/summary.controller';

/** What the API runs on; main.ts builds it from the environment, tests from their own parts. */
export interface AppDependencies {
  config: AppConfig;
  store: EventStore;
  clock: Clock;
}

@Module({})
export class AppModule {
  static create({ config, store, clock }: AppDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        JwtModule.register({ secret: config.jwtSecret, signOptions: { expiresIn: '8h' } }),
      ],
      controllers: [
        AuthController,
        DirectoryController,
        CampaignsController,
        MeasuresController,
        AuditController,
        HealthController,
        BoardController,
        LedgerController,
        SummaryController,
        AlertsController,
        BulletinsController,
        MeController,
      ],
      providers: [
        { provide: EVENT_STORE, useValue: store },
        { provide: Clock, useValue: clock },
        { provide: CourtCalendar, useValue: new CourtCalendar(clock, config.courtTimezone) },
        DirectoryView,
        CatalogueView,
        ReadModels,
        EventSourcedWriter,
        PasswordHasher,
        CreateDepartmentHandler,
        RegisterUserHandler,
        LaunchCampaignHandler,
        RecordProblemHandler,
        AddMeasureHandler,
        ...MEASURE_ACTION_HANDLERS,
        AlertsView,
        BulletinsView,
        AcknowledgeAlertHandler,
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        ...projectionProviders(config),
      ],
    };
  }
}
