import { Injectable } from '@nestjs/common';
import { Actor, allowedMeasureActions, AssignedMeasure, LightReading, readLight } from '@tracker/domain';
import { CourtCalendar } from '@tracker/command-path';
import { DirectoryView, MeasuresProjection, ReportSettings } from '@tracker/read-models';

/**
 * The measure as the API shows it to one viewer on the court's today: names resolved so a reader
 * need not look them up, its light read by the wall chart's own rule, and `allowedActions` — the
 * actions the domain's own guards would let this viewer take now.
 */
@Injectable()
export class MeasurePresenter {
  constructor(
    private readonly directory: DirectoryView,
    private readonly lines: MeasuresProjection,
    private readonly settings: ReportSettings,
    private readonly calendar: CourtCalendar,
  ) {}

  present(state: AssignedMeasure, revision: bigint, viewer: Actor) {
    const today = this.calendar.today();
    const reading = this.lightOf(state, today);
    return {
      id: state.measureId,
      number: state.number,
      campaignId: state.campaignId,
      problemId: state.problemId,
      content: state.content,
      target: state.target,
      kind: state.kind,
      responsibleLeaderId: state.responsibleLeaderId,
      responsibleLeaderName: this.directory.user(state.responsibleLeaderId)?.displayName ?? null,
      departmentId: state.departmentId,
      departmentName: this.directory.department(state.departmentId)?.name ?? null,
      responsiblePerson: state.responsiblePerson,
      originalDueDate: state.originalDueDate,
      dueDate: state.dueDate,
      deadlineVersion: state.deadlineVersion,
      reportEveryDays: state.reportEveryDays,
      milestones: state.milestones,
      status: state.status,
      /** The wall chart's light (green 已销号, blue 正常推进, yellow 临期, red 逾期); null once cancelled. */
      light: reading?.light ?? null,
      overdue: reading?.overdue ?? false,
      dueSoon: reading?.dueSoon ?? false,
      behindMilestone: reading?.behindMilestone ?? false,
      returned: state.returned,
      reopened: state.reopened,
      percent: state.percent,
      lastReportedOn: state.lastReportedOn,
      pendingExtension: state.pendingExtension,
      extensionsGranted: state.extensionsGranted,
      outcomes: state.outcomes,
      submission: state.status === 'submitted' ? state.submission : null,
      signOff: state.status === 'signed_off' ? state.signOff : null,
      cancellation: state.status === 'cancelled' ? state.cancellation : null,
      allowedActions: allowedMeasureActions(state, viewer, today),
      revision: revision.toString(),
    };
  }

  /**
   * From the state just decided (an answer to a write must not show the light from before it),
   * plus the assignment day, which never changes, from the measure model (absent only for a
   * measure assigned by this very write: today).
   */
  private lightOf(state: AssignedMeasure, today: string): LightReading | null {
    if (state.status === 'cancelled') return null;
    const assignedOn = this.lines.line(state.measureId)?.assignedOn ?? today;
    return readLight({ ...state, assignedOn }, today, this.settings.dueSoonDays);
  }
}

export type MeasureView = ReturnType<MeasurePresenter['present']>;
