import { DynamicModule, INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppDependencies, AppModule } from './app.module';
import { ensureFirstAdmin } from './bootstrap/first-admin';
import { DemoLogin, seedDemo } from './demo/demo-seeder';
import { ReadModels } from '@tracker/read-models';
import { serveWebApp } from './http/web-app';
import { compressResponses } from './http/compress';
import { harden } from './http/hardening';

const LOG_LEVELS: Record<AppDependencies['config']['logLevel'], LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  log: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

export interface StartedApp {
  app: INestApplication;
  /** Logins created by demo seeding on this start; empty when nothing was seeded. */
  demoLogins: DemoLogin[];
}

/**
 * Builds the API, folds the read models, and seeds what a first start needs. Does not listen.
 * `extend` adds to the module (the worker, when API and worker share the process); `configure`
 * mounts what must come before the routes' not-found handler (bull-board).
 */
export async function createApp(
  deps: AppDependencies,
  extend: (module: DynamicModule) => DynamicModule = (module) => module,
  configure: (app: INestApplication) => void = () => undefined,
): Promise<StartedApp> {
  const app = await NestFactory.create(extend(AppModule.create(deps)), {
    logger: LOG_LEVELS[deps.config.logLevel],
    // harden() mounts the one body parser, with the API's limits.
    bodyParser: false,
  });
  harden(app, deps.config);
  app.setGlobalPrefix('api/v1');
  // Before anything answers (the OpenAPI pages included), so every answer may be gzipped.
  compressResponses(app);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('整改任务跟踪 Rectification tracker API')
      .setDescription(
        'Problems, measures (五定), the measure lifecycle, sign-off and audit. Errors are Chinese by default; send Accept-Language: en for English. ' +
          'Request bodies are UTF-8 JSON (Content-Type: application/json; Content-Encoding identity, gzip, deflate or br) of at most 1 MB and 32 levels of nesting ' +
          '(the one exception: an evidence file, POST /measures/:id/attachments, is multipart/form-data up to ATTACHMENT_MAX_MB): ' +
          'otherwise 413 payload_too_large, 415 unsupported_media_type / unsupported_charset / unsupported_encoding, or 400 json_too_deep / invalid_json / invalid_encoding, before any route. ' +
          'Query parameters are named alike on every route (campaignId, departmentId, leaderId, measureId); an unknown one is a 400 naming it. ' +
          'Every measure carries allowedActions, the actions the caller may take now, named after their routes: reportProgress (POST /measures/:id/progress), ' +
          'requestExtension (…/extension-requests), approveExtension and rejectExtension (…/extension-requests/:requestId/approve|reject), submitCompletion (…/completion), ' +
          'signOff (…/sign-off), return (…/return), reopen (…/reopen), cancel (…/cancel), recordOutcome (…/outcomes), acknowledgeAlert (…/alerts/:alertId/acknowledge).',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  if (deps.config.apiDocs) SwaggerModule.setup('api/docs', app, document);

  configure(app);
  serveWebApp(app);
  await app.init();
  await app.get(ReadModels).start();
  const demoLogins = deps.config.demo ? await seedDemo(app) : [];
  await ensureFirstAdmin(app, deps.config);
  return { app, demoLogins };
}
