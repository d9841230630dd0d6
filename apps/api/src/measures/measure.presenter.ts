import { Actor, allowedMeasureActions, AssignedMeasure, CalendarDate } from '@tracker/domain';
import { DirectoryView } from '@tracker/read-models';

/** Who is looking, and on which court day: what they may do to the measure depends on both. */
export interface Viewer {
  actor: Actor;
  today: CalendarDate;
}

/**
 * The measure as the API shows it to one viewer; names are resolved so a reader need not look
 * them up, and `allowedActions` says which actions the domain's own guards would let them take now.
 */
export function presentMeasure(
  state: AssignedMeasure,
  revision: bigint,
  directory: DirectoryView,
  viewer: Viewer,
) {
  return {
    id: state.measureId,
    number: state.number,
    campaignId: state.campaignId,
    problemId: state.problemId,
    content: state.content,
    target: state.target,
    kind: state.kind,
    responsibleLeaderId: state.responsibleLeaderId,
    responsibleLeaderName: directory.user(state.responsibleLeaderId)?.displayName ?? null,
    departmentId: state.departmentId,
    departmentName: directory.department(state.departmentId)?.name ?? null,
    responsiblePerson: state.responsiblePerson,
    originalDueDate: state.originalDueDate,
    dueDate: state.dueDate,
    deadlineVersion: state.deadlineVersion,
    reportEveryDays: state.reportEveryDays,
    milestones: state.milestones,
    status: state.status,
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
    allowedActions: allowedMeasureActions(state, viewer.actor, viewer.today),
    revision: revision.toString(),
  };
}

export type MeasureView = ReturnType<typeof presentMeasure>;
