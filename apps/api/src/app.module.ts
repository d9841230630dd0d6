import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { AcknowledgeAlertHandler } from './alerts/acknowledge-alert.handler';
import { AlertsController } from './alerts/alerts.controller';
import { AuditController } from './audit/audit.controller';
import { AnchorsController } from './audit/anchors.controller';
import { AuditExportController } from './audit/audit-export.controller';
import { AuthController } from './auth/auth.controller';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { PasswordChangeGuard } from './auth/password-change.guard';
import { PasswordController } from './auth/password.controller';
import { LoginThrottle } from './auth/login-throttle';
import { Sessions } from './auth/sessions';
import { CourtCalendar, JournalWriter, WriterHooks } from '@tracker/command-path';
import { PasswordHasher } from './auth/password-hasher';
import { RolesGuard } from './auth/roles.decorator';
import { LaunchCampaignHandler, RecordProblemHandler } from './campaigns/campaign.handlers';
import { CampaignsController } from './campaigns/campaigns.controller';
import { DirectoryController } from './directory/directory.controller';
import {
  ChangeDepartmentHandler,
  ChangeUserHandler,
  DecideGrantHandler,
  ChangePasswordHandler,
  CreateDepartmentHandler,
  RegisterUserHandler,
  SetUserEnabledHandler,
} from './directory/directory.handlers';
import { HealthController } from './health/health.controller';
import { ErrorFilter } from './http/error.filter';
import { createValidationPipe } from './http/validation';
import { UndeclaredQueryInterceptor } from './http/no-query';
import { AddMeasureHandler } from './measures/add-measure.handler';
import { ActOnMeasureHandler } from './measures/act-on-measure.handler';
import { MeasuresController } from './measures/measures.controller';
import { MeasurePresenter } from './measures/measure.presenter';
import {
  auditProviders,
  blobStoreProviders,
  coreProviders,
  CoreDependencies,
  WRITER_HOOKS,
} from '@tracker/platform';
import { AttachmentsController } from './attachments/attachments.controller';
import { ReadYourWrites, ReadYourWritesInterceptor } from './http/read-your-writes';
import { MeController } from './me/me.controller';
import { BulletinsController } from './bulletins/bulletins.controller';
import { NoticesController } from './notices/notices.controller';
import { BoardController } from './board/board.controller';
import { LedgerController } from './ledger/ledger.controller';
import { SummaryController } from './summary/summary.controller';
import { CourtController } from './court/court.controller';
import { CourtIdentity } from './court/court-identity';
import { ReportQuery } from '@tracker/read-models';
import { ReadLog } from './audit/access-log/read-log';
import { ReadLogInterceptor } from './audit/access-log/read-log.interceptor';
import { AccessLogController } from './audit/access-log/access-log.controller';
import { FindingsController } from './audit/findings/findings.controller';
import { ImportsController } from './imports/imports.controller';
import { ImportApplier } from './imports/import-applier';
import { ImportStore } from './imports/import-store';

/** What the API runs on; main.ts builds it from the environment, tests from their own parts. */
export type AppDependencies = CoreDependencies;

@Module({})
export class AppModule {
  static create(deps: AppDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        JwtModule.register({
          // A KeyObject built once: given the string, jsonwebtoken re-derives a key on every verify (~350 µs).
          secret: createSecretKey(Buffer.from(deps.config.jwtSecret, 'utf8')),
          signOptions: { expiresIn: deps.config.accessTokenMinutes * 60, algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
      ],
      controllers: [
        AuthController,
        PasswordController,
        DirectoryController,
        CampaignsController,
        MeasuresController,
        AttachmentsController,
        AuditController,
        AnchorsController,
        AuditExportController,
        HealthController,
        BoardController,
        LedgerController,
        SummaryController,
        AlertsController,
        BulletinsController,
        NoticesController,
        MeController,
        CourtController,
        AccessLogController,
        FindingsController,
        ImportsController,
      ],
      providers: [
        ...coreProviders(deps),
        ...blobStoreProviders(deps.config),
        ...auditProviders(deps.config),
        ReadYourWrites,
        { provide: WRITER_HOOKS, useExisting: ReadYourWrites },
        ReadLog,
        // First, so a read refused by the interceptors after it is recorded too.
        { provide: APP_INTERCEPTOR, useClass: ReadLogInterceptor },
        { provide: APP_INTERCEPTOR, useClass: UndeclaredQueryInterceptor },
        { provide: APP_INTERCEPTOR, useClass: ReadYourWritesInterceptor },
        PasswordHasher,
        LoginThrottle,
        Sessions,
        {
          provide: JournalWriter,
          useFactory: (calendar: CourtCalendar, hooks: WriterHooks) =>
            new JournalWriter(deps.store, deps.clock, calendar, hooks),
          inject: [CourtCalendar, WRITER_HOOKS],
        },
        MeasurePresenter,
        CourtIdentity,
        ReportQuery,
        CreateDepartmentHandler,
        RegisterUserHandler,
        SetUserEnabledHandler,
        ChangeDepartmentHandler,
        ChangeUserHandler,
        DecideGrantHandler,
        ChangePasswordHandler,
        LaunchCampaignHandler,
        RecordProblemHandler,
        AddMeasureHandler,
        ActOnMeasureHandler,
        AcknowledgeAlertHandler,
        ImportStore,
        ImportApplier,
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: PasswordChangeGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
