import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CommandMeta, EventSourcedWriter, idForCommand } from '@tracker/command-path';
import { campaignNotFound, checkAssignment, conflict, DomainError, refused } from '@tracker/domain';
import { CellError, ImportPlan, PlannedMeasure } from '@tracker/importing';
import { CatalogueView, DirectoryView } from '@tracker/read-models';
import { RecordProblemCommand } from '../campaigns/campaign.commands';
import { ReadYourWrites } from '../http/read-your-writes';
import { AddMeasureCommand } from '../measures/measure.commands';
import { StoredImport } from './import-store';

/** What applying an import recorded, row by row; `created: false` where an earlier apply had. */
export interface AppliedImport {
  importId: string;
  campaignId: string;
  problems: { row: number; id: string; number: number | null; title: string; created: boolean }[];
  measures: { row: number; id: string; number: string; content: string; created: boolean }[];
  created: { problems: number; measures: number };
}

/** The column of the sheet a field of AssignMeasure comes from, to name a refused rule's cell. */
const COLUMN_OF_FIELD = {
  responsibleLeaderId: 'leader',
  departmentId: 'department',
  dueDate: 'deadline',
  reportEveryDays: 'reportPeriod',
  kind: 'deadline',
} as const;

/**
 * Applies a preview through the ordinary commands: RecordProblem for each problem, then
 * AddMeasure for each of its measures, each on the CommandBus with the applying leader as actor,
 * so every rule and every event is as if typed. Each row's command carries the idempotency key
 * `import:<importId>:<row>:<what>`, so applying twice, or again after a crash half-way, finds what
 * was recorded and records each row exactly once.
 */
@Injectable()
export class ImportApplier {
  constructor(
    private readonly commands: CommandBus,
    private readonly writer: EventSourcedWriter,
    private readonly catalogue: CatalogueView,
    private readonly directory: DirectoryView,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  /** The domain's own rules of 五定 for each measure the sheet gave, as cell errors; nothing written. */
  ruleErrors(plan: ImportPlan, meta: CommandMeta): CellError[] {
    const context = this.writer.contextFor(meta);
    const failing = new Set(plan.errors.map((e) => e.row));
    const errors: CellError[] = [];
    for (const measure of plan.measures) {
      if (failing.has(measure.row)) continue;
      try {
        checkAssignment({
          data: {
            ...this.measureData(measure),
            measureId: 'preview',
            campaignId: 'preview',
            problemId: 'preview',
          },
          context,
          references: this.directory,
        });
      } catch (error) {
        if (!(error instanceof DomainError) || error.kind === 'forbidden') throw error;
        const key = COLUMN_OF_FIELD[error.field as keyof typeof COLUMN_OF_FIELD] ?? 'measure';
        const column = plan.columns.find((c) => c.key === key)?.header ?? '整改措施';
        errors.push({
          row: measure.row,
          column,
          message: `第${measure.row}行「${column}」：${error.messages.zh}`,
        });
      }
    }
    return errors;
  }

  /** 404 without the campaign, 422 while the sheet or the rules of 五定 find an error. */
  check({ campaignId, plan }: StoredImport, meta: CommandMeta): void {
    if (!this.catalogue.campaign(campaignId)) throw campaignNotFound();
    const errors = [...plan.errors, ...this.ruleErrors(plan, meta)];
    if (errors.length > 0) {
      throw refused(
        'import.has_errors',
        `导入文件中还有${errors.length}处错误：${errors[0].message}${errors.length > 1 ? '等' : ''}。请修改后重新上传`,
        `The import still has ${errors.length} error(s); fix them and upload again`,
      );
    }
  }

  async apply(stored: StoredImport, meta: CommandMeta): Promise<AppliedImport> {
    const { importId, campaignId, plan } = stored;
    this.check(stored, meta);
    const keyed = (row: number, what: string): CommandMeta => ({
      ...meta,
      idempotencyKey: `import:${importId}:${row}:${what}`,
      expectedRevision: undefined,
      causationId: importId,
    });
    const result: AppliedImport = {
      importId,
      campaignId,
      problems: [],
      measures: [],
      created: { problems: 0, measures: 0 },
    };
    for (const problem of plan.problems) {
      const problemMeta = keyed(problem.row, 'problem');
      const known = this.catalogue.problem(idForCommand(problemMeta, 'problem', campaignId)) !== undefined;
      const recorded: { id: string; number?: number } = await this.commands.execute(
        new RecordProblemCommand(
          campaignId,
          {
            title: problem.title,
            description: null,
            category: problem.category,
            rootCause: problem.rootCause,
            departmentIds: problem.departmentIds,
          },
          problemMeta,
        ),
      );
      // AddMeasure finds its problem in the catalogue: let it see the problem just recorded.
      await this.readYourWrites.settle();
      const number = this.catalogue.problem(recorded.id)?.number ?? recorded.number ?? null;
      result.problems.push({
        row: problem.row,
        id: recorded.id,
        number,
        title: problem.title,
        created: !known,
      });
      if (!known) result.created.problems += 1;
      for (const measure of plan.measures.filter((m) => m.problemRow === problem.row)) {
        const measureMeta = keyed(measure.row, 'measure');
        const existed =
          this.catalogue.measure(idForCommand(measureMeta, 'measure', recorded.id)) !== undefined;
        const added: { id: string; number: string } = await this.commands.execute(
          new AddMeasureCommand(recorded.id, { ...this.measureData(measure), milestones: [] }, measureMeta),
        );
        result.measures.push({
          row: measure.row,
          id: added.id,
          number: added.number,
          content: measure.content,
          created: !existed,
        });
        if (!existed) result.created.measures += 1;
      }
    }
    return result;
  }

  /** Refuses a second leader while another's apply of the same import may be unfinished. */
  static refuseOther(holder: string, userId: string, holderName: string | null): void {
    if (holder !== userId)
      throw conflict(
        'import.applied_by_other',
        `该导入已由${holderName ?? '其他党组成员'}写入，请由其本人重试，或重新上传后导入`,
        'Another leader applied this import; only they may apply it again',
      );
  }

  private measureData(m: PlannedMeasure) {
    return {
      content: m.content,
      target: m.target,
      kind: m.kind,
      responsibleLeaderId: m.responsibleLeaderId,
      departmentId: m.departmentId,
      responsiblePerson: m.responsiblePerson,
      dueDate: m.dueDate,
      reportEveryDays: m.reportEveryDays,
      milestones: [],
    };
  }
}
