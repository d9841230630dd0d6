import { isAlertOpen } from '../alerts/alert.plan';
import { guardAcknowledgeAlert } from '../alerts/alert.decider';
import { Actor } from '../shared/actor';
import { CalendarDate } from '../shared/calendar-date';
import { CommandContext } from '../shared/command-context';
import { DomainError } from '../shared/domain-error';
import {
  guardApproveExtension,
  guardCancel,
  guardRecordOutcome,
  guardRejectExtension,
  guardReopen,
  guardReportProgress,
  guardRequestExtension,
  guardReturn,
  guardSignOff,
  guardSubmitCompletion,
  guardUrge,
} from './measure.guards';
import { MeasureState } from './measure.state';
import { guardConfirmLookBack } from '../lookback/look-back.decider';

/** The actions a user may take on one measure, named after their routes (docs/architecture.md maps them). */
export const MEASURE_ACTIONS = [
  'reportProgress',
  'requestExtension',
  'approveExtension',
  'rejectExtension',
  'submitCompletion',
  'signOff',
  'return',
  'reopen',
  'cancel',
  'recordOutcome',
  'acknowledgeAlert',
  'urge',
  'lookBack',
] as const;
export type MeasureAction = (typeof MEASURE_ACTIONS)[number];

/**
 * True when the guard lets the command through; a DomainError means "not now, not you". Such a
 * refusal is an answer here, not a failure: no stack is captured for it (most of a measure's
 * actions are refused to most viewers, on every measure the API presents). The guards are
 * synchronous, so the limit is back before anything else runs.
 */
function passes(guard: () => unknown): boolean {
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    guard();
    return true;
  } catch (error) {
    if (error instanceof DomainError) return false;
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  // Not a refusal but a fault: asked again with stacks on, it is thrown with its stack.
  guard();
  return true;
}

/**
 * What `actor` may do to the measure on `today`, asked of the very guards the decider runs before
 * it looks at a command's input. An action listed here is refused only for its input (a date not
 * later than the deadline, a blank reason, an outcome already recorded) or because the measure
 * moved on in the meantime; one not listed is refused whatever the input.
 *
 * The decisions on an extension concern the request awaiting a decision; acknowledging concerns
 * the open alerts addressed to the actor that they have not acknowledged yet.
 */
export function allowedMeasureActions(
  state: MeasureState,
  actor: Actor,
  today: CalendarDate,
): MeasureAction[] {
  if (state.status === 'unassigned') return [];
  const context: CommandContext = { actor, today };
  const pending = state.pendingExtension;
  const allowed: Record<MeasureAction, () => boolean> = {
    reportProgress: () => passes(() => guardReportProgress(state, context)),
    requestExtension: () => passes(() => guardRequestExtension(state, context)),
    approveExtension: () =>
      pending !== null && passes(() => guardApproveExtension(state, context, pending.requestId)),
    rejectExtension: () =>
      pending !== null && passes(() => guardRejectExtension(state, context, pending.requestId)),
    submitCompletion: () => passes(() => guardSubmitCompletion(state, context)),
    signOff: () => passes(() => guardSignOff(state, context)),
    return: () => passes(() => guardReturn(state, context)),
    reopen: () => passes(() => guardReopen(state, context)),
    cancel: () => passes(() => guardCancel(state, context)),
    recordOutcome: () => passes(() => guardRecordOutcome(state, context)),
    acknowledgeAlert: () =>
      state.alerts.some(
        (alert) =>
          isAlertOpen(alert, state) &&
          !alert.acknowledgedBy.includes(actor.userId) &&
          passes(() => guardAcknowledgeAlert(state, context, alert.alertId)),
      ),
    urge: () => passes(() => guardUrge(state, context)),
    lookBack: () => passes(() => guardConfirmLookBack(state, context)),
  };
  return MEASURE_ACTIONS.filter((action) => allowed[action]());
}
