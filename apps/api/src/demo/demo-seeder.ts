import { INestApplication, Logger } from '@nestjs/common';
import { CommandBus, ICommand } from '@nestjs/cqrs';
import { ReadYourWrites } from '../http/read-your-writes';
import { Actor, addDays, SYSTEM_ACTOR } from '@tracker/domain';
import { LaunchCampaignCommand, RecordProblemCommand } from '../campaigns/campaign.commands';
import { CreateDepartmentCommand, RegisterUserCommand } from '../directory/directory.commands';
import { CommandMeta } from '@tracker/command-path';
import { CourtCalendar } from '@tracker/command-path';
import { ActOnMeasure, AddMeasureCommand, MeasureAction } from '../measures/measure.commands';
import { MeasureActionOutcome } from '../measures/act-on-measure.handler';
import { CatalogueView } from '@tracker/read-models';
import { DirectoryView } from '@tracker/read-models';
import { DEMO_CAMPAIGN, DEMO_PROBLEMS, DemoProblem, DemoStep } from './demo-campaign';
import { DEMO_DEPARTMENTS, DEMO_PASSWORD, DEMO_USERS } from './demo-court';

interface Bus {
  execute(command: ICommand): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface DemoLogin {
  username: string;
  password: string;
  role: string;
  who: string;
}

/**
 * Seeds the demo court on a first start: departments, one account per role (and a head for
 * each division), and a campaign whose measures are in every state the wall chart shows.
 * Everything goes through the same commands as the API, so the history reads like real use.
 */
export async function seedDemo(app: INestApplication): Promise<DemoLogin[]> {
  const directory = app.get(DirectoryView);
  if (
    directory.hasUsers() ||
    directory.listDepartments().length > 0 ||
    app.get(CatalogueView).listCampaigns().length > 0
  )
    return [];
  const commands = app.get(CommandBus);
  const readYourWrites = app.get(ReadYourWrites);
  // Each step reads what the one before wrote (a problem names a department just created).
  const bus: Bus = { execute: (command) => readYourWrites.run(() => commands.execute(command)) };
  const calendar = app.get(CourtCalendar);
  const today = calendar.today();
  let sequence = 0;
  /** Each demo step happens at a believable time on its day, in order. */
  const meta = (actor: Actor, day: number): CommandMeta => {
    sequence += 1;
    return {
      actor,
      idempotencyKey: null,
      correlationId: `demo-seed-${sequence}`,
      causationId: null,
      seededAt: new Date(calendar.instantAt(addDays(today, day), 9).getTime() + sequence * 60_000),
    };
  };

  const departmentIds = new Map<string, string>();
  for (const name of DEMO_DEPARTMENTS) {
    const { id } = await bus.execute(new CreateDepartmentCommand({ name }, meta(SYSTEM_ACTOR, -90)));
    departmentIds.set(name, id);
  }
  const actors = new Map<string, Actor>();
  for (const u of DEMO_USERS) {
    const departmentId = u.department ? (departmentIds.get(u.department) ?? null) : null;
    const { id } = await bus.execute(
      new RegisterUserCommand(
        {
          username: u.username,
          password: DEMO_PASSWORD,
          displayName: u.displayName,
          role: u.role,
          departmentId,
          secretary: u.secretary ?? false,
        },
        meta(SYSTEM_ACTOR, -90),
      ),
    );
    actors.set(u.key, { userId: id, role: u.role, departmentId, secretary: u.secretary ?? false });
  }
  const actor = (key: string) => actors.get(key) as Actor;

  const issuedOn = addDays(today, -DEMO_CAMPAIGN.issuedDaysAgo);
  const { id: campaignId } = await bus.execute(
    new LaunchCampaignCommand(
      {
        title: DEMO_CAMPAIGN.title,
        source: DEMO_CAMPAIGN.source,
        issuedOn,
        description: DEMO_CAMPAIGN.description,
      },
      meta(actor('secretary'), -DEMO_CAMPAIGN.issuedDaysAgo),
    ),
  );
  for (const problem of DEMO_PROBLEMS) {
    await seedProblem(bus, problem, campaignId, {
      actor,
      departmentIds,
      meta,
      today,
      issuedDay: -DEMO_CAMPAIGN.issuedDaysAgo,
    });
  }

  new Logger('Demo').log(
    `Seeded the demo court: ${DEMO_DEPARTMENTS.length} departments, ${DEMO_USERS.length} users, 1 campaign with ${DEMO_PROBLEMS.length} problems`,
  );
  return DEMO_USERS.map((u) => ({
    username: u.username,
    password: DEMO_PASSWORD,
    role: u.role,
    who: `${u.displayName}（${u.title}）`,
  }));
}

interface SeedContext {
  actor: (key: string) => Actor;
  departmentIds: Map<string, string>;
  meta: (actor: Actor, day: number) => CommandMeta;
  today: string;
  issuedDay: number;
}

async function seedProblem(bus: Bus, problem: DemoProblem, campaignId: string, ctx: SeedContext) {
  const m = problem.measure;
  const departmentId = ctx.departmentIds.get(m.department) as string;
  const leader = ctx.actor(m.leader);
  const head = ctx.actor(m.department);
  const { id: problemId } = await bus.execute(
    new RecordProblemCommand(
      campaignId,
      {
        title: problem.title,
        description: null,
        category: problem.area,
        rootCause: problem.rootCause,
        departmentIds: [departmentId],
      },
      ctx.meta(ctx.actor('secretary'), ctx.issuedDay),
    ),
  );
  const { id: measureId } = await bus.execute(
    new AddMeasureCommand(
      problemId,
      {
        content: m.content,
        target: m.target,
        kind: m.kind,
        responsibleLeaderId: leader.userId,
        departmentId,
        responsiblePerson: m.person,
        dueDate: m.dueInDays === undefined ? null : addDays(ctx.today, m.dueInDays),
        reportEveryDays: m.reportEveryDays ?? null,
        milestones: (m.milestones ?? []).map((ms) => ({
          title: ms.title,
          dueDate: addDays(ctx.today, ms.dueInDays),
        })),
      },
      ctx.meta(ctx.actor('secretary'), ctx.issuedDay),
    ),
  );
  let requestId: string | undefined;
  let dueInDays = m.dueInDays ?? 0;
  for (const step of m.steps) {
    const meta = ctx.meta(step.by === 'leader' ? leader : head, step.day);
    const outcome: MeasureActionOutcome = await bus.execute(
      new ActOnMeasure(measureId, actionFor(step, ctx.today, dueInDays, requestId), meta),
    );
    requestId = outcome.created.requestId ?? requestId;
    if ('requestExtension' in step) dueInDays += step.requestExtension.addDays;
  }
}

function actionFor(step: DemoStep, today: string, dueInDays: number, requestId?: string): MeasureAction {
  if ('progress' in step) return { type: 'ReportProgress', data: step.progress };
  if ('requestExtension' in step) {
    return {
      type: 'RequestExtension',
      data: {
        newDueDate: addDays(today, dueInDays + step.requestExtension.addDays),
        reason: step.requestExtension.reason,
      },
    };
  }
  if ('approveExtension' in step)
    return {
      type: 'ApproveExtension',
      data: { requestId: requestId as string, opinion: step.approveExtension.opinion },
    };
  if ('submit' in step) return { type: 'SubmitCompletion', data: step.submit };
  if ('signOff' in step) return { type: 'SignOff', data: step.signOff };
  if ('reopen' in step)
    return {
      type: 'ReopenMeasure',
      data: { reason: step.reopen.reason, newDueDate: addDays(today, step.reopen.newDueInDays) },
    };
  return { type: 'RecordOutcome', data: step.outcome };
}
