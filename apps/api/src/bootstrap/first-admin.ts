import { INestApplication, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { SYSTEM_ACTOR } from '@tracker/domain';
import { AppConfig } from '@tracker/platform';
import { ReadYourWrites } from '../http/read-your-writes';
import { RegisterUserCommand } from '../directory/directory.commands';
import { DirectoryView } from '@tracker/read-models';

/** ADMIN_USERNAME/ADMIN_PASSWORD create the first administrator of an empty tracker, once. */
export async function ensureFirstAdmin(app: INestApplication, config: AppConfig): Promise<void> {
  if (!config.adminUsername || !config.adminPassword) return;
  const directory = app.get(DirectoryView);
  const logger = new Logger('FirstAdmin');
  if (directory.hasUsers()) {
    if (!directory.userByUsername(config.adminUsername))
      logger.log('Users already exist; ADMIN_USERNAME is not used');
    return;
  }
  const register = (command: RegisterUserCommand) =>
    app.get(ReadYourWrites).run(() => app.get(CommandBus).execute(command));
  await register(
    new RegisterUserCommand(
      {
        username: config.adminUsername,
        password: config.adminPassword,
        displayName: '系统管理员',
        role: 'admin',
        departmentId: null,
        secretary: false,
        // In production the password came through the environment (and so a deployment file):
        // the administrator replaces it at the first sign-in.
        passwordTemporary: config.nodeEnv === 'production',
      },
      // A fixed key: two instances starting at once create one admin, not two.
      {
        actor: SYSTEM_ACTOR,
        idempotencyKey: 'bootstrap-first-admin',
        correlationId: 'bootstrap',
        causationId: null,
      },
    ),
  );
  logger.log(
    `Created the first administrator "${config.adminUsername}"` +
      (config.nodeEnv === 'production' ? '; its password must be changed at the first sign-in' : ''),
  );
}
