import { CalendarDate } from '../shared/calendar-date';
import { assertNever } from '../shared/decider';
import { AlertData } from '../alerts/alert.events';
import { MeasureAssigned, MeasureEvent } from './measure.events';
import { evolveLookBacks, LookBackFacts, lookBacksOf } from '../lookback/look-back.state';

/** An alert recorded in the measure's stream, with who has acknowledged it. */
export interface RecordedAlert extends AlertData {
  acknowledgedBy: string[];
}

export interface PendingExtension {
  requestId: string;
  newDueDate: CalendarDate;
  reason: string;
}

/** 佐证材料 attached to the measure, in the order attached; a withdrawn one stays listed. */
export interface AttachmentFacts {
  attachmentId: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  note: string | null;
  withdrawn: boolean;
}

export interface Submission {
  summary: string;
  evidence: string | null;
  /** The files the submission cites (empty when none). */
  attachmentIds: string[];
}

/** 催办 recorded on the measure; answered once the department reports progress or submits completion. */
export interface Urging {
  urgeId: string;
  message: string;
  urgedBy: string;
  urgedOn: CalendarDate;
  answered: boolean;
}

/** What every assigned measure has, whatever its status. */
export interface MeasureFacts extends Omit<MeasureAssigned['data'], 'dueDate'> {
  originalDueDate: CalendarDate | null;
  dueDate: CalendarDate | null;
  percent: number;
  lastReportedOn: CalendarDate | null;
  pendingExtension: PendingExtension | null;
  /** Every request id ever made, so a decision names a real request. */
  extensionRequestIds: string[];
  extensionsGranted: number;
  outcomes: { outcomeId: string; title: string }[];
  /** Sent back at sign-off review (退回) and not yet resubmitted. */
  returned: boolean;
  /** Reopened by a look-back review (回头看) and not yet signed off again. */
  reopened: boolean;
  /** Alerts raised so far (every deadline version), so none is raised twice. */
  alerts: RecordedAlert[];
  /** Absent in measure states stored before evidence files existed: read it with attachmentsOf. */
  attachments?: AttachmentFacts[];
  /** Absent in measure states stored before urging existed: read it with urgingsOf. */
  urgings?: Urging[];
  /** 回头看 reminders and reviews; absent in states stored before them: read it with lookBacksOf. */
  lookBacks?: LookBackFacts;
}

export function urgingsOf(measure: Pick<MeasureFacts, 'urgings'>): Urging[] {
  return measure.urgings ?? [];
}

function answerUrgings(measure: Pick<MeasureFacts, 'urgings'>): Urging[] {
  const urgings = urgingsOf(measure);
  return urgings.every((u) => u.answered)
    ? urgings
    : urgings.map((u) => (u.answered ? u : { ...u, answered: true }));
}

export function attachmentsOf(measure: Pick<MeasureFacts, 'attachments'>): AttachmentFacts[] {
  return measure.attachments ?? [];
}

/** status is the key: only a submitted measure has a submission, only a signed-off one a sign-off. */
export type MeasureState =
  | { status: 'unassigned' }
  | ({ status: 'assigned' } & MeasureFacts)
  | ({ status: 'in_progress' } & MeasureFacts)
  | ({ status: 'submitted'; submission: Submission } & MeasureFacts)
  | ({
      status: 'signed_off';
      signOff: { signedOffOn: CalendarDate; onTime: boolean | null; opinion: string | null };
    } & MeasureFacts)
  | ({ status: 'cancelled'; cancellation: { reason: string } } & MeasureFacts);

export type AssignedMeasure = Exclude<MeasureState, { status: 'unassigned' }>;
export type MeasureStatus = AssignedMeasure['status'];

export const initialMeasureState = (): MeasureState => ({ status: 'unassigned' });

function facts(state: AssignedMeasure): MeasureFacts {
  // Only these two carry nothing status-specific, and most events find a measure in one of them:
  // returned as is, the caller's spread (which sets the status) is the only copy.
  if (state.status === 'assigned' || state.status === 'in_progress') return state;
  // Drop the status-specific parts when moving to another status (rest destructuring, not
  // `delete`, which would turn the object into a slow dictionary for every later fold).
  const {
    status: _status,
    submission: _submission,
    signOff: _signOff,
    cancellation: _cancellation,
    ...rest
  } = state as AssignedMeasure & { submission?: unknown; signOff?: unknown; cancellation?: unknown };
  return rest;
}

export function evolveMeasure(state: MeasureState, event: MeasureEvent): MeasureState {
  if (event.type === 'MeasureAssigned') {
    return {
      status: 'assigned',
      ...event.data,
      originalDueDate: event.data.dueDate,
      percent: 0,
      lastReportedOn: null,
      pendingExtension: null,
      extensionRequestIds: [],
      extensionsGranted: 0,
      outcomes: [],
      returned: false,
      reopened: false,
      alerts: [],
      attachments: [],
      urgings: [],
      lookBacks: { reminders: [], reviews: [] },
    };
  }
  if (state.status === 'unassigned') return state;
  const base = facts(state);
  switch (event.type) {
    case 'ProgressReported':
      return {
        ...base,
        status: 'in_progress',
        percent: event.data.percent,
        lastReportedOn: event.data.reportedOn,
        urgings: answerUrgings(base),
      };
    case 'ExtensionRequested':
      return {
        ...state,
        pendingExtension: {
          requestId: event.data.requestId,
          newDueDate: event.data.newDueDate,
          reason: event.data.reason,
        },
        extensionRequestIds: [...state.extensionRequestIds, event.data.requestId],
      };
    case 'ExtensionApproved':
      return {
        ...state,
        pendingExtension: null,
        dueDate: event.data.newDueDate,
        deadlineVersion: event.data.deadlineVersion,
        extensionsGranted: state.extensionsGranted + 1,
      };
    case 'ExtensionRejected':
      return { ...state, pendingExtension: null };
    case 'CompletionSubmitted':
      return {
        ...base,
        urgings: answerUrgings(base),
        status: 'submitted',
        submission: {
          summary: event.data.summary,
          evidence: event.data.evidence,
          attachmentIds: event.data.attachmentIds ?? [],
        },
        returned: false,
      };
    case 'MeasureSignedOff':
      return {
        ...base,
        status: 'signed_off',
        percent: 100,
        reopened: false,
        signOff: {
          signedOffOn: event.data.signedOffOn,
          onTime: event.data.onTime,
          opinion: event.data.opinion,
        },
      };
    case 'MeasureReturned':
      return { ...base, status: 'in_progress', returned: true };
    case 'MeasureReopened':
      return {
        ...base,
        status: 'in_progress',
        reopened: true,
        dueDate: event.data.newDueDate ?? base.dueDate,
        deadlineVersion: event.data.deadlineVersion,
      };
    case 'MeasureCancelled':
      return {
        ...base,
        status: 'cancelled',
        pendingExtension: null,
        cancellation: { reason: event.data.reason },
      };
    case 'Reminded':
    case 'DueSoonWarned':
    case 'OverdueFlagged':
    case 'Escalated':
      return { ...state, alerts: [...state.alerts, { ...event.data, acknowledgedBy: [] }] };
    case 'AlertAcknowledged':
      return {
        ...state,
        alerts: state.alerts.map((a) =>
          a.alertId === event.data.alertId
            ? { ...a, acknowledgedBy: [...a.acknowledgedBy, event.data.userId] }
            : a,
        ),
      };
    case 'OutcomeRecorded':
      return {
        ...state,
        outcomes: [...state.outcomes, { outcomeId: event.data.outcomeId, title: event.data.title }],
      };
    case 'EvidenceAttached': {
      const { measureId: _m, ...file } = event.data;
      return { ...state, attachments: [...attachmentsOf(state), { ...file, withdrawn: false }] };
    }
    case 'MeasureUrged': {
      const { measureId: _m, ...urging } = event.data;
      return { ...state, urgings: [...urgingsOf(state), { ...urging, answered: false }] };
    }
    case 'LookBackDue':
    case 'LookBackConfirmed':
      return { ...state, lookBacks: evolveLookBacks(lookBacksOf(state), event) };
    case 'EvidenceWithdrawn':
      return {
        ...state,
        attachments: attachmentsOf(state).map((a) =>
          a.attachmentId === event.data.attachmentId ? { ...a, withdrawn: true } : a,
        ),
      };
    default:
      return assertNever(event);
  }
}
