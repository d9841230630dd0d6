import { CalendarDate } from '../shared/calendar-date';
import { MeasureAssigned, MeasureEvent } from '../measure/measure.events';
import { MeasureStatus } from '../measure/measure.state';

/**
 * One measure as the wall chart (挂图作战) and the sign-off ledger (销号台账) show it: only the
 * facts they print, folded from the measure's events. Time-independent; the light is computed
 * from it against a date (see light.ts).
 */
export interface MeasureLine extends Pick<
  MeasureAssigned['data'],
  | 'measureId'
  | 'campaignId'
  | 'problemId'
  | 'number'
  | 'content'
  | 'target'
  | 'kind'
  | 'responsibleLeaderId'
  | 'departmentId'
  | 'responsiblePerson'
  | 'reportEveryDays'
  | 'milestones'
> {
  /** The court-local day the measure was assigned: a 长期坚持 measure's first report counts from it. */
  assignedOn: CalendarDate;
  originalDueDate: CalendarDate | null;
  dueDate: CalendarDate | null;
  status: MeasureStatus;
  percent: number;
  lastReportedOn: CalendarDate | null;
  /** 整改进展: the latest progress note. */
  lastProgressNote: string | null;
  /** 完成情况 as submitted. */
  completionSummary: string | null;
  extensionsGranted: number;
  /** Sent back at review (退回) and not yet resubmitted. */
  returned: boolean;
  /** Reopened by a look-back review (回头看) and not yet signed off again. */
  reopened: boolean;
  /** How many times a look-back review reopened it. */
  reopenings: number;
  /** 建章立制 outcomes recorded. */
  outcomes: number;
  signedOffOn: CalendarDate | null;
  /** 销号审核人: the user who signed it off. */
  signedOffBy: string | null;
  onTime: boolean | null;
  /** 回头看待查: the day the oldest unanswered look-back reminder of the current sign-off fell due; null when none is open. */
  lookBackDueOn: CalendarDate | null;
}

/** Who recorded the event and on which court-local day: the parts of its metadata a line keeps. */
export interface LineEventContext {
  actorId: string;
  recordedOn: CalendarDate;
}

/** Folds one measure event into its line; undefined until the measure is assigned. */
export function evolveMeasureLine(
  line: MeasureLine | undefined,
  event: MeasureEvent,
  context: LineEventContext,
): MeasureLine | undefined {
  if (event.type === 'MeasureAssigned') {
    const d = event.data;
    return {
      measureId: d.measureId,
      campaignId: d.campaignId,
      problemId: d.problemId,
      number: d.number,
      content: d.content,
      target: d.target,
      kind: d.kind,
      responsibleLeaderId: d.responsibleLeaderId,
      departmentId: d.departmentId,
      responsiblePerson: d.responsiblePerson,
      assignedOn: context.recordedOn,
      originalDueDate: d.dueDate,
      dueDate: d.dueDate,
      reportEveryDays: d.reportEveryDays,
      milestones: d.milestones,
      status: 'assigned',
      percent: 0,
      lastReportedOn: null,
      lastProgressNote: null,
      completionSummary: null,
      extensionsGranted: 0,
      returned: false,
      reopened: false,
      reopenings: 0,
      outcomes: 0,
      signedOffOn: null,
      signedOffBy: null,
      onTime: null,
      lookBackDueOn: null,
    };
  }
  if (line === undefined) return undefined;
  switch (event.type) {
    case 'ProgressReported':
      return changed(line, {
        status: 'in_progress',
        percent: event.data.percent,
        lastReportedOn: event.data.reportedOn,
        lastProgressNote: event.data.note,
      });
    case 'ExtensionApproved':
      return changed(line, { dueDate: event.data.newDueDate, extensionsGranted: line.extensionsGranted + 1 });
    case 'CompletionSubmitted':
      return changed(line, { status: 'submitted', returned: false, completionSummary: event.data.summary });
    case 'MeasureSignedOff':
      return changed(line, {
        status: 'signed_off',
        percent: 100,
        reopened: false,
        signedOffOn: event.data.signedOffOn,
        signedOffBy: context.actorId,
        onTime: event.data.onTime,
      });
    case 'MeasureReturned':
      return changed(line, { status: 'in_progress', returned: true });
    case 'MeasureReopened':
      return changed(line, {
        status: 'in_progress',
        reopened: true,
        reopenings: line.reopenings + 1,
        dueDate: event.data.newDueDate ?? line.dueDate,
        signedOffOn: null,
        signedOffBy: null,
        onTime: null,
        lookBackDueOn: null,
      });
    case 'MeasureCancelled':
      return changed(line, { status: 'cancelled' });
    case 'OutcomeRecorded':
      return changed(line, { outcomes: line.outcomes + 1 });
    case 'LookBackDue':
      // Recorded only while signed off, for the current sign-off; the oldest open one dates the flag.
      return line.status === 'signed_off' && line.lookBackDueOn === null
        ? changed(line, { lookBackDueOn: event.data.dueOn })
        : line;
    case 'LookBackConfirmed':
      // A review answers every reminder recorded so far (none is recorded after it for an earlier day).
      return line.lookBackDueOn === null ? line : changed(line, { lookBackDueOn: null });
    case 'ExtensionRequested':
    case 'ExtensionRejected':
      return line;
    default:
      // A type recorded by a later version: nothing on the line changes.
      return line;
  }
}

/**
 * A copy of the line with some fields changed. Not `{ ...line, ...changes }`: V8 copies a spread
 * of this 29-field object into a new hidden class each time, about 15 times slower than a
 * literal that names every field, and a projection rebuild makes one copy per event.
 */
function changed(line: MeasureLine, changes: Partial<MeasureLine>): MeasureLine {
  const copy: MeasureLine = {
    measureId: line.measureId,
    campaignId: line.campaignId,
    problemId: line.problemId,
    number: line.number,
    content: line.content,
    target: line.target,
    kind: line.kind,
    responsibleLeaderId: line.responsibleLeaderId,
    departmentId: line.departmentId,
    responsiblePerson: line.responsiblePerson,
    assignedOn: line.assignedOn,
    originalDueDate: line.originalDueDate,
    dueDate: line.dueDate,
    reportEveryDays: line.reportEveryDays,
    milestones: line.milestones,
    status: line.status,
    percent: line.percent,
    lastReportedOn: line.lastReportedOn,
    lastProgressNote: line.lastProgressNote,
    completionSummary: line.completionSummary,
    extensionsGranted: line.extensionsGranted,
    returned: line.returned,
    reopened: line.reopened,
    reopenings: line.reopenings,
    outcomes: line.outcomes,
    signedOffOn: line.signedOffOn,
    signedOffBy: line.signedOffBy,
    onTime: line.onTime,
    lookBackDueOn: line.lookBackDueOn,
  };
  return Object.assign(copy, changes);
}
