import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { directoryDecider, DirectoryEvent, streams } from '@tracker/domain';
import { PasswordHasher } from '../auth/password-hasher';
import { EventSourcedWriter } from '@tracker/command-path';
import { idForCommand } from '@tracker/command-path';
import { CreateDepartmentCommand, RegisterUserCommand } from './directory.commands';

const createdId = (events: DirectoryEvent[]) =>
  events.map((e) => (e.type === 'DepartmentCreated' ? e.data.departmentId : e.data.userId))[0];

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
        data: { userId, ...account, passwordHash },
        context,
      }),
      result: (events) => ({ id: createdId(events) }),
    });
    return outcome.result;
  }
}
