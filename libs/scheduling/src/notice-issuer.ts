import { Inject, Injectable, Optional } from '@nestjs/common';
import { AlertData, AssignedMeasure, daysBetween, IssueNotice, SYSTEM_ACTOR } from '@tracker/domain';
import { CourtCalendar, EventSourcedWriter, issueNotice } from '@tracker/command-path';
import { CatalogueView, DirectoryView, IssuedNoticesView } from '@tracker/read-models';

/** The steps of the ladder that issue a 督办单 (the default: the deadline overdue, and escalated). */
export function stepIssuesNotice(alert: Pick<AlertData, 'notice' | 'subject'>): boolean {
  return alert.subject === 'deadline' && alert.notice;
}

/** The step a 督办单 answers: one notice per measure and step. */
const sourceIdOf = (alert: Pick<AlertData, 'measureId' | 'alertId'>) => `${alert.measureId}-${alert.alertId}`;

/**
 * Issues the 督办单 of a step just reached, as the system, keyed on the step: the recorder calls
 * it each time it finds the step recorded (a second delivery, the reconcile), and the notice is
 * numbered once — by the Idempotency-Key, and by the step's id in the year's stream.
 */
@Injectable()
export class NoticeIssuer {
  constructor(
    private readonly writer: EventSourcedWriter,
    private readonly calendar: CourtCalendar,
    private readonly catalogue: CatalogueView,
    private readonly issued: IssuedNoticesView,
    @Optional() @Inject(DirectoryView) private readonly directory: DirectoryView | null,
  ) {}

  /**
   * Notices started and not yet settled. They are not queued here: the writer numbers the ones
   * waiting for the year's stream together, in one append (issueNotice shares it).
   */
  private readonly inFlight = new Set<Promise<void>>();

  /** Resolves once every notice this process has started is issued (or has failed). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  issueFor(alert: AlertData, measure: AssignedMeasure): Promise<void> {
    if (!stepIssuesNotice(alert) || measure.dueDate === null) return Promise.resolve();
    const issuing = this.issue(alert, measure as AssignedMeasure & { dueDate: string });
    this.inFlight.add(issuing);
    void issuing.catch(() => undefined).finally(() => this.inFlight.delete(issuing));
    return issuing;
  }

  /**
   * The reconcile's sweep: a step recorded this court year whose notice is missing (the worker
   * died between recording the step and issuing its notice) gets it now; one that has it, nothing.
   * Steps due in an earlier year are left: their notice would be numbered in the wrong year.
   * Started side by side (the caller may sweep many measures at once): the writer numbers them in
   * the order they were asked for, in shared appends.
   */
  async catchUp(measure: AssignedMeasure): Promise<void> {
    if (!['assigned', 'in_progress', 'submitted'].includes(measure.status)) return;
    // The court year as instants: ISO-8601 instants in UTC compare as strings, with no time zone math per alert.
    const year = Number(this.calendar.today().slice(0, 4));
    const yearStarts = this.calendar.instantAt(`${year}-01-01`, 0).toISOString();
    const nextYearStarts = this.calendar.instantAt(`${year + 1}-01-01`, 0).toISOString();
    const issuing: Promise<void>[] = [];
    for (const alert of measure.alerts) {
      if (alert.deadlineVersion !== measure.deadlineVersion || !stepIssuesNotice(alert)) continue;
      if (alert.dueAt < yearStarts || alert.dueAt >= nextYearStarts) continue;
      // Known issued: skipped without asking the writer. Not known (the view may lag): the writer
      // decides on the year's stream, which issues it once.
      if (this.issued.noticeFor(sourceIdOf(alert)) !== undefined) continue;
      issuing.push(this.issueFor(alert, measure));
    }
    await Promise.all(issuing);
  }

  private async issue(alert: AlertData, measure: AssignedMeasure & { dueDate: string }): Promise<void> {
    const sourceId = sourceIdOf(alert);
    const data: IssueNotice['data'] = {
      sourceId,
      alertId: alert.alertId,
      level: alert.level,
      stepName: alert.stepName,
      title: alert.noticeTitle,
      daysOverdue: Math.max(0, daysBetween(measure.dueDate, this.calendar.today())),
      measure: {
        measureId: measure.measureId,
        number: measure.number,
        content: measure.content,
        target: measure.target,
        problemTitle: this.catalogue.problem(measure.problemId)?.title ?? null,
        departmentId: measure.departmentId,
        departmentName: this.directory?.department(measure.departmentId)?.name ?? null,
        responsibleLeaderId: measure.responsibleLeaderId,
        responsibleLeaderName: this.directory?.user(measure.responsibleLeaderId)?.displayName ?? null,
        responsiblePerson: measure.responsiblePerson,
        dueDate: measure.dueDate,
      },
    };
    const key = `notice-${sourceId}`;
    await issueNotice(this.writer, this.calendar, data, {
      actor: SYSTEM_ACTOR,
      idempotencyKey: key,
      correlationId: key,
      causationId: `alert-${sourceId}`,
    });
  }
}
