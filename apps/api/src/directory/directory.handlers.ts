import { ConflictException } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { directoryDecider, DirectoryEvent, streams } from '@tracker/domain';
import { PasswordHasher } from '../auth/password-hasher';
import { EventSourcedWriter } from '@tracker/command-path';
import { idForCommand } from '@tracker/command-path';
import {
  ChangeDepartmentCommand,
  ChangePasswordCommand,
  ChangeUserCommand,
  DecideGrantCommand,
  CreateDepartmentCommand,
  RegisterUserCommand,
  SetUserEnabledCommand,
} from './directory.commands';

const createdId = (events: DirectoryEvent[]) =>
  events.flatMap((e) =>
    e.type === 'DepartmentCreated'
      ? [e.data.departmentId]
      : e.type === 'UserRegistered'
        ? [e.data.userId]
        : [],
  )[0];

@CommandHandler(CreateDepartmentCommand)
export class CreateDepartmentHandler implements ICommandHandler<CreateDepartmentCommand> {
  constructor(private readonly writer: EventSourcedWriter) {}

  async execute({ data, meta }: CreateDepartmentCommand) {
    const departmentId = idForCommand(meta, 'department', 'directory');
    const outcome = await this.writer.write({
      streamName: streams.directory(),
      decider: directoryDecider,
      commandName: 'CreateDepartment',
      meta,
      command: (context) => ({
        type: 'CreateDepartment' as const,
        data: { departmentId, name: data.name },
        context,
      }),
      result: (events) => ({ id: createdId(events) }),
    });
    return outcome.result;
  }
}

@CommandHandler(RegisterUserCommand)
export class RegisterUserHandler implements ICommandHandler<RegisterUserCommand> {
  constructor(
    private readonly writer: EventSourcedWriter,
    private readonly hasher: PasswordHasher,
  ) {}

  async execute({ data, meta }: RegisterUserCommand) {
    const userId = idForCommand(meta, 'user', 'directory');
    const grantId = idForCommand(meta, 'grant', 'directory');
    const { password, ...account } = data;
    const passwordHash = await this.hasher.hash(password);
    const outcome = await this.writer.write({
      streamName: streams.directory(),
      decider: directoryDecider,
      commandName: 'RegisterUser',
      // The password is neither kept nor comparable (its hash is salted afresh on each attempt).
      fingerprint: { userId, ...account },
      meta,
      command: (context) => ({
        type: 'RegisterUser' as const,
        data: { userId, ...account, passwordHash, grantId },
        context,
      }),
      result: (events) => ({ id: createdId(events) }),
    });
    return outcome.result;
  }
}

@CommandHandler(SetUserEnabledCommand)
export class SetUserEnabledHandler implements ICommandHandler<SetUserEnabledCommand> {
  constructor(private readonly writer: EventSourcedWriter) {}

  async execute({ userId, enabled, meta }: SetUserEnabledCommand) {
    const type = enabled ? ('EnableUser' as const) : ('DisableUser' as const);
    await this.writer.write({
      streamName: streams.directory(),
      decider: directoryDecider,
      commandName: type,
      meta,
      command: (context) => ({ type, data: { userId }, context }),
      result: () => undefined,
    });
  }
}

/** Answered when a retried reset (same Idempotency-Key) cannot show the password it set: it was never kept. */
export class ResetAlreadyAnsweredError extends ConflictException {
  constructor() {
    super({
      code: 'user.reset_already_answered',
      messages: {
        zh: '该重置请求已处理，临时密码只显示一次；如未收到，请重新重置密码',
        en: 'This reset was already answered and its temporary password is shown once only; reset again',
      },
    });
  }
}

@CommandHandler(ChangePasswordCommand)
export class ChangePasswordHandler implements ICommandHandler<ChangePasswordCommand> {
  constructor(
    private readonly writer: EventSourcedWriter,
    private readonly hasher: PasswordHasher,
  ) {}

  /** `recordedNow` is false for a retry (same Idempotency-Key) answered from the first attempt. */
  async execute({ userId, password, meta }: ChangePasswordCommand): Promise<{ recordedNow: boolean }> {
    const passwordHash = await this.hasher.hash(password);
    const outcome = await this.writer.write({
      streamName: streams.directory(),
      decider: directoryDecider,
      commandName: 'ChangePassword',
      // Neither the password nor its (freshly salted) hash identifies the request.
      fingerprint: { userId },
      meta,
      command: (context) => ({ type: 'ChangePassword' as const, data: { userId, passwordHash }, context }),
      result: (events) =>
        events.some((e) => e.type === 'PasswordChanged' && e.data.passwordHash === passwordHash),
    });
    return { recordedNow: outcome.result };
  }
}

@CommandHandler(ChangeDepartmentCommand)
export class ChangeDepartmentHandler implements ICommandHandler<ChangeDepartmentCommand> {
  constructor(private readonly writer: EventSourcedWriter) {}

  async execute({ departmentId, change, meta }: ChangeDepartmentCommand): Promise<void> {
    await this.writer.write({
      streamName: streams.directory(),
      decider: directoryDecider,
      commandName: change.kind === 'rename' ? 'RenameDepartment' : 'RetireDepartment',
      meta,
      command: (context) =>
        change.kind === 'rename'
          ? { type: 'RenameDepartment' as const, data: { departmentId, name: change.name }, context }
          : { type: 'RetireDepartment' as const, data: { departmentId }, context },
      result: () => undefined,
    });
  }
}

@CommandHandler(ChangeUserCommand)
export class ChangeUserHandler implements ICommandHandler<ChangeUserCommand> {
  constructor(private readonly writer: EventSourcedWriter) {}

  /** Answers the id of the grant it asked for, if the change needs the secretary's confirmation. */
  async execute({ userId, change, meta }: ChangeUserCommand): Promise<{ grantId: string | null }> {
    const grantId = idForCommand(meta, 'grant', userId);
    const outcome = await this.writer.write({
      streamName: streams.directory(),
      decider: directoryDecider,
      commandName: 'ChangeUser',
      meta,
      command: (context) => ({ type: 'ChangeUser' as const, data: { userId, grantId, ...change }, context }),
      result: (events) => ({
        grantId: events.flatMap((e) => (e.type === 'GrantRequested' ? [e.data.grantId] : []))[0] ?? null,
      }),
    });
    return outcome.result;
  }
}

@CommandHandler(DecideGrantCommand)
export class DecideGrantHandler implements ICommandHandler<DecideGrantCommand> {
  constructor(private readonly writer: EventSourcedWriter) {}

  async execute({ grantId, decision, meta }: DecideGrantCommand): Promise<void> {
    const type = decision === 'confirm' ? ('ConfirmGrant' as const) : ('RejectGrant' as const);
    await this.writer.write({
      streamName: streams.directory(),
      decider: directoryDecider,
      commandName: type,
      meta,
      command: (context) => ({ type, data: { grantId }, context }),
      result: () => undefined,
    });
  }
}
