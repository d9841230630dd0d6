import { CommandContext } from '../shared/command-context';
import { assertNever, Decider } from '../shared/decider';
import { forbidden, notFound } from '../shared/domain-error';
import { MEASURE_EVENT_TYPES, MeasureEvent } from '../measure/measure.events';
import { evolveMeasure, initialMeasureState, MeasureState } from '../measure/measure.state';
import { AcknowledgeAlert, AlertCommand, RaiseAlert } from './alert.commands';
import { ALERT_EVENT_TYPE, AlertRaised } from './alert.events';
import { planAlerts } from './alert.plan';
import { alertConcerns } from './alert.recipients';

/**
 * Raising is idempotent: an alert already recorded, or one the measure no longer calls for
 * (signed off, cancelled, deadline moved), records nothing. BullMQ delivers at least once;
 * this is where exactly once is decided. Steps come in order: a step whose job fires while an
 * earlier step of the same deadline is still missing (its job lost, the reconcile not yet there)
 * records the earlier one first.
 */
function raise(command: RaiseAlert, state: MeasureState): MeasureEvent[] {
  if (command.context.actor.role !== 'system') {
    throw forbidden('alert.raise_forbidden', '提醒只能由系统产生', 'Only the system raises alerts');
  }
  const { alertId } = command.data;
  const plan = planAlerts(state, command.settings);
  // Signed off, cancelled, deadline moved, milestone changed, report made: nothing to say.
  const target = plan.find((a) => a.alertId === alertId);
  if (!target || state.status === 'unassigned' || state.alerts.some((a) => a.alertId === alertId)) return [];
  const recorded = new Set(state.alerts.map((a) => a.alertId));
  const missing = plan
    .filter(
      (a) =>
        !recorded.has(a.alertId) &&
        a.subject === target.subject &&
        a.milestoneId === target.milestoneId &&
        a.fireAt.getTime() <= target.fireAt.getTime(),
    )
    // Stable: steps reached on one day keep the ladder's order.
    .sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime());
  // What the ladder says now, not what a job armed earlier carried: recipients follow the court's settings.
  return missing.map(
    ({ fireAt: _f, ...data }) => ({ type: ALERT_EVENT_TYPE[data.level], data }) as AlertRaised,
  );
}

/** Only a recipient acknowledges an alert; allowedMeasureActions asks the same question. */
export function guardAcknowledgeAlert(state: MeasureState, { actor }: CommandContext, alertId: string) {
  if (state.status === 'unassigned')
    throw notFound('measure.not_found', '整改措施不存在', 'Measure not found');
  const alert = state.alerts.find((a) => a.alertId === alertId);
  if (!alert) throw notFound('alert.not_found', '提醒不存在', 'Alert not found');
  if (!alertConcerns(actor, state, alert)) {
    throw forbidden('alert.not_recipient', '该提醒不是发给您的', 'The alert is not addressed to you');
  }
  return { measure: state, alert };
}

function acknowledge(command: AcknowledgeAlert, state: MeasureState): MeasureEvent[] {
  const { measure, alert } = guardAcknowledgeAlert(state, command.context, command.data.alertId);
  const { actor } = command.context;
  if (alert.acknowledgedBy.includes(actor.userId)) return [];
  return [
    {
      type: 'AlertAcknowledged',
      data: { measureId: measure.measureId, alertId: alert.alertId, userId: actor.userId },
    },
  ];
}

/** Alerts live in the measure's stream, so they fold with the measure's own events. */
export const alertDecider: Decider<AlertCommand, MeasureEvent, MeasureState> = {
  eventTypes: MEASURE_EVENT_TYPES,
  initialState: initialMeasureState,
  evolve: evolveMeasure,
  decide(command, state) {
    switch (command.type) {
      case 'RaiseAlert':
        return raise(command, state);
      case 'AcknowledgeAlert':
        return acknowledge(command, state);
      default:
        return assertNever(command);
    }
  },
};
