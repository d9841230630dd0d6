import { Inject, Injectable } from '@nestjs/common';
import {
  Actor,
  allowedMeasureActions,
  AssignedMeasure,
  attachmentsOf,
  ladderDates,
  LookBackSettings,
  lookBacksOf,
  openLookBacks,
  readLight,
  unrecordedLookBacks,
} from '@tracker/domain';
import { CourtCalendar } from '@tracker/command-path';
import { APP_CONFIG, AppConfig } from '@tracker/platform';
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
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.lookBackSettings = {
      months: config.lookBackMonths,
      startOfDay: (date) => this.calendar.instantAt(date, 0),
    };
  }

  private readonly lookBackSettings: LookBackSettings;

  present(state: AssignedMeasure, revision: bigint, viewer: Actor) {
    const today = this.calendar.today();
    const assignedOn = state.assignedOn ?? this.lines.line(state.measureId)?.assignedOn ?? today;
    const reading =
      state.status === 'cancelled' ? null : readLight({ ...state, assignedOn }, today, this.settings.ladder);
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
      /** The latest step of the supervision ladder (督办环节) its deadline has reached today; null before any. */
      step: reading?.step ?? null,
      /** The ladder over the current deadline: each step, the day it is reached and whether it was recorded. */
      ladder: this.ladderOf(state, assignedOn),
      returned: state.returned,
      reopened: state.reopened,
      percent: state.percent,
      lastReportedOn: state.lastReportedOn,
      pendingExtension: state.pendingExtension,
      extensionsGranted: state.extensionsGranted,
      outcomes: state.outcomes,
      /** 佐证材料 attached so far, oldest first (a withdrawn one marked); bytes at GET /attachments/:id. */
      attachments: attachmentsOf(state).map(({ attachmentId, ...file }) => ({ id: attachmentId, ...file })),
      /** The submission being decided, with the files it cites. */
      submission: state.status === 'submitted' ? this.submissionOf(state) : null,
      signOff: state.status === 'signed_off' ? state.signOff : null,
      cancellation: state.status === 'cancelled' ? state.cancellation : null,
      /** 回头看: the reminders open (待查), the next one planned, and every review recorded. */
      lookBack: this.lookBackOf(state),
      allowedActions: allowedMeasureActions(state, viewer, today),
      revision: revision.toString(),
    };
  }

  private submissionOf(state: Extract<AssignedMeasure, { status: 'submitted' }>) {
    const files = attachmentsOf(state);
    // Stored states from before evidence files have no attachmentIds.
    const cited = state.submission.attachmentIds ?? [];
    return {
      summary: state.submission.summary,
      evidence: state.submission.evidence,
      attachmentIds: cited,
      attachments: cited.flatMap((id) => {
        const file = files.find((f) => f.attachmentId === id);
        return file
          ? [
              {
                id,
                fileName: file.fileName,
                mediaType: file.mediaType,
                size: file.size,
                sha256: file.sha256,
                withdrawn: file.withdrawn,
              },
            ]
          : [];
      }),
    };
  }

  private lookBackOf(state: AssignedMeasure) {
    const open = openLookBacks(state);
    const next = unrecordedLookBacks(state, this.lookBackSettings)[0]?.data ?? null;
    return {
      /** 回头看待查: a reminder has fallen due and no review has answered it. */
      due: open.length > 0,
      dueOn: open[0]?.dueOn ?? null,
      open: open.map(({ reviewId, signedOffOn, dueOn, months }) => ({
        reviewId,
        signedOffOn,
        dueOn,
        months,
      })),
      next: next && { reviewId: next.reviewId, dueOn: next.dueOn, months: next.months },
      reviews: lookBacksOf(state).reviews.map((r) => ({
        ...r,
        reviewedByName: this.directory.user(r.reviewedBy)?.displayName ?? null,
      })),
    };
  }

  /**
   * Read from the state just decided (an answer to a write must not show the ladder from before
   * it). Empty for a 长期坚持 measure, which has no deadline to climb, and once cancelled.
   */
  private ladderOf(state: AssignedMeasure, assignedOn: string) {
    if (state.dueDate === null || state.status === 'cancelled') return [];
    const recorded = new Map(
      state.alerts
        .filter((a) => a.deadlineVersion === state.deadlineVersion && a.subject === 'deadline')
        .map((a) => [a.stepId, a]),
    );
    return ladderDates(this.settings.ladder, state.dueDate, assignedOn).map(({ step, reachedOn }) => ({
      id: step.id,
      name: step.name,
      level: step.level,
      reachedOn,
      recipients: step.recipients,
      notice: step.notice,
      noticeTitle: step.notice ? step.noticeTitle : null,
      /** Recorded in the measure's stream (the scheduler fired it); false for a step still ahead. */
      recorded: recorded.has(step.id),
    }));
  }
}

export type MeasureView = ReturnType<MeasurePresenter['present']>;
