import { CommandContext } from '../shared/command-context';
import { Decider } from '../shared/decider';
import { forbidden, invalid, refused } from '../shared/domain-error';
import { ConfirmLookBack } from '../measure/measure.commands';
import { MEASURE_EVENT_TYPES, MeasureEvent } from '../measure/measure.events';
import { existing, STATUS_ZH } from '../measure/measure.guards';
import { isDecidingLeader } from '../measure/measure.policy';
import { AssignedMeasure, evolveMeasure, initialMeasureState, MeasureState } from '../measure/measure.state';
import { LookBackDue } from './look-back.events';
import { LookBackSettings, openLookBacks, planLookBacks } from './look-back.plan';
import { lookBacksOf } from './look-back.state';

/** The scheduler (or the daily reconcile) found a reminder due: record it unless it no longer applies. */
export interface RaiseLookBack {
  type: 'RaiseLookBack';
  data: LookBackDue['data'];
  /** The court's intervals, to re-check that the current sign-off still calls for the reminder. */
  settings: LookBackSettings;
  context: CommandContext;
}

/**
 * Raising is idempotent, like RaiseAlert: a reminder already recorded, or one the measure no longer
 * calls for (reopened, answered by a review, interval no longer configured), records nothing.
 */
function raise(command: RaiseLookBack, state: MeasureState): MeasureEvent[] {
  if (command.context.actor.role !== 'system') {
    throw forbidden(
      'lookBack.raise_forbidden',
      '回头看提醒只能由系统产生',
      'Only the system raises look-back reminders',
    );
  }
  const reminder = command.data;
  if (state.status !== 'signed_off') return [];
  if (!planLookBacks(state, command.settings).some((p) => p.data.reviewId === reminder.reviewId)) return [];
  if (lookBacksOf(state).reminders.some((r) => r.reviewId === reminder.reviewId)) return [];
  return [{ type: 'LookBackDue', data: reminder }];
}

/** 回头看 is recorded by the responsible leader or the secretary, on a signed-off measure. */
export function guardConfirmLookBack(
  state: MeasureState,
  { actor }: CommandContext,
): Extract<AssignedMeasure, { status: 'signed_off' }> {
  const measure = existing(state);
  if (!isDecidingLeader(actor, measure)) {
    throw forbidden(
      'lookBack.forbidden',
      '只有该措施的责任领导或党组书记可以记录回头看',
      "Only the measure's responsible leader or the Party-group secretary may record its look-back review",
    );
  }
  if (measure.status !== 'signed_off') {
    throw refused(
      'measure.not_signed_off',
      `该措施${STATUS_ZH[measure.status]}，只有已销号的措施才能回头看`,
      `The measure is ${measure.status}; only a signed-off measure is looked back at`,
    );
  }
  return measure;
}

/** Longest finding: a review's written account (回头看情况). */
export const LOOK_BACK_FINDING_MAX = 2000;

/**
 * Confirming answers every reminder of this sign-off due on or before today, recorded or not (a
 * reminder the worker has not yet recorded will then not be); later intervals still fall due.
 */
export function confirmLookBack(command: ConfirmLookBack, state: MeasureState): MeasureEvent[] {
  const measure = guardConfirmLookBack(state, command.context);
  const finding = command.data.finding.trim();
  if (finding === '')
    throw invalid('finding', 'lookBack.finding_blank', '回头看情况不能为空', 'finding must not be blank');
  if (finding.length > LOOK_BACK_FINDING_MAX) {
    throw invalid(
      'finding',
      'lookBack.finding_too_long',
      `回头看情况不能超过 ${LOOK_BACK_FINDING_MAX} 字`,
      `finding must be at most ${LOOK_BACK_FINDING_MAX} characters`,
    );
  }
  const answers = openLookBacks(measure).map((r) => r.reviewId);
  return [
    {
      type: 'LookBackConfirmed',
      data: {
        measureId: measure.measureId,
        reviewId: answers.at(-1) ?? null,
        answers,
        finding,
        reviewedBy: command.context.actor.userId,
        reviewedOn: command.context.today,
        deadlineVersion: measure.deadlineVersion,
      },
    },
  ];
}

/** Reminders live in the measure's stream, so they fold with the measure's own events. */
export const lookBackDecider: Decider<RaiseLookBack, MeasureEvent, MeasureState> = {
  eventTypes: MEASURE_EVENT_TYPES,
  initialState: initialMeasureState,
  evolve: evolveMeasure,
  decide: raise,
};
