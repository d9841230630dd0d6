import { Actor, SYSTEM_ACTOR } from '../shared/actor';
import { addMonths, CalendarDate } from '../shared/calendar-date';
import { fold } from '../shared/decider';
import { spec } from '../testing/given-when-then';
import { assignedMeasure, HEAD, INSPECTOR, LI, SECRETARY, ZHANG } from '../testing/measure.fixtures';
import { ConfirmLookBack } from '../measure/measure.commands';
import { measureDecider } from '../measure/measure.decider';
import {
  CompletionSubmitted,
  MeasureEvent,
  MeasureReopened,
  MeasureSignedOff,
} from '../measure/measure.events';
import { allowedMeasureActions } from '../measure/measure.actions';
import { lookBackDecider, RaiseLookBack } from './look-back.decider';
import { LookBackConfirmed, LookBackDue } from './look-back.events';
import { LookBackSettings, openLookBacks, planLookBacks, unrecordedLookBacks } from './look-back.plan';

// Midnight in Shanghai (UTC+8, no daylight saving) is 16:00 UTC the day before.
const SETTINGS: LookBackSettings = {
  months: [3, 6],
  startOfDay: (date) => new Date(Date.parse(`${date}T00:00:00Z`) - 8 * 3_600_000),
};

const assigned = assignedMeasure({ dueDate: '2026-03-31', assignedOn: '2026-03-01' });
const submitted: CompletionSubmitted = {
  type: 'CompletionSubmitted',
  data: { measureId: 'm-1', summary: '已建立', evidence: null },
};
const signedOff = (on: CalendarDate): MeasureSignedOff => ({
  type: 'MeasureSignedOff',
  data: { measureId: 'm-1', opinion: null, signedOffOn: on, onTime: true },
});
const reopened: MeasureReopened = {
  type: 'MeasureReopened',
  data: { measureId: 'm-1', reason: '回头看发现反弹', newDueDate: '2026-12-31', deadlineVersion: 2 },
};
const due = (months: number, version = 1, signedOffOn = '2026-03-31'): LookBackDue['data'] => {
  const dueOn = addMonths(signedOffOn, months);
  return {
    measureId: 'm-1',
    reviewId: `v${version}-m${months}`,
    signedOffOn,
    dueOn,
    months,
    deadlineVersion: version,
    dueAt: SETTINGS.startOfDay(dueOn).toISOString(),
  };
};
const reminded = (months: number): LookBackDue => ({ type: 'LookBackDue', data: due(months) });
const confirmed = (
  reviewedOn: CalendarDate,
  answers: string[],
  reviewedBy = ZHANG.userId,
): LookBackConfirmed => ({
  type: 'LookBackConfirmed',
  data: {
    measureId: 'm-1',
    reviewId: answers.at(-1) ?? null,
    answers,
    finding: '制度执行到位，未发现反弹',
    reviewedBy,
    reviewedOn,
    deadlineVersion: 1,
  },
});

const SIGNED_OFF: MeasureEvent[] = [assigned, submitted, signedOff('2026-03-31')];
const stateOf = (events: MeasureEvent[]) => fold(measureDecider, events);
const raise = (data: LookBackDue['data'], actor: Actor = SYSTEM_ACTOR): RaiseLookBack => ({
  type: 'RaiseLookBack',
  data,
  settings: SETTINGS,
  context: { actor, today: data.dueOn },
});
const confirm = (
  actor: Actor,
  today: CalendarDate,
  finding = '制度执行到位，未发现反弹',
): ConfirmLookBack => ({
  type: 'ConfirmLookBack',
  data: { finding },
  context: { actor, today },
});

describe('planLookBacks: 回头看 reminders after the latest sign-off', () => {
  it('plans one reminder per configured interval, months after sign-off in the court calendar', () => {
    expect(due(3).dueOn).toBe('2026-06-30');
    expect(due(6).dueOn).toBe('2026-09-30');
    expect(planLookBacks(stateOf(SIGNED_OFF), SETTINGS).map((p) => p.data)).toEqual([due(3), due(6)]);
  });

  it('a sign-off on the 31st falls due on the last day of a shorter month', () => {
    const plan = planLookBacks(stateOf([assigned, submitted, signedOff('2026-08-31')]), SETTINGS);
    expect(plan.map((p) => p.data.dueOn)).toEqual(['2026-11-30', '2027-02-28']);
  });

  it('each fires at midnight starting its day, court time', () => {
    expect(planLookBacks(stateOf(SIGNED_OFF), SETTINGS)[0].fireAt.toISOString()).toBe(
      '2026-06-29T16:00:00.000Z',
    );
  });

  it('plans nothing before sign-off, nor with no intervals configured', () => {
    expect(planLookBacks(stateOf([assigned, submitted]), SETTINGS)).toEqual([]);
    expect(planLookBacks(stateOf(SIGNED_OFF), { ...SETTINGS, months: [] })).toEqual([]);
  });

  it('a reopening ends the plan; the new sign-off starts another under new ids', () => {
    expect(planLookBacks(stateOf([...SIGNED_OFF, reminded(3), reopened]), SETTINGS)).toEqual([]);
    const again = stateOf([...SIGNED_OFF, reminded(3), reopened, submitted, signedOff('2026-10-15')]);
    expect(planLookBacks(again, SETTINGS).map((p) => [p.data.reviewId, p.data.dueOn])).toEqual([
      ['v2-m3', '2027-01-15'],
      ['v2-m6', '2027-04-15'],
    ]);
    expect(openLookBacks(again)).toEqual([]);
  });

  it('a recorded reminder is not planned again; a review answers those due up to its day, later ones still come', () => {
    expect(unrecordedLookBacks(stateOf([...SIGNED_OFF, reminded(3)]), SETTINGS).map((p) => p.data)).toEqual([
      due(6),
    ]);
    const reviewed = stateOf([...SIGNED_OFF, reminded(3), confirmed('2026-07-02', ['v1-m3'])]);
    expect(planLookBacks(reviewed, SETTINGS).map((p) => p.data.reviewId)).toEqual(['v1-m6']);
    expect(openLookBacks(reviewed)).toEqual([]);
  });
});

describe('openLookBacks: 回头看待查', () => {
  it('a recorded reminder stays open until a review; the review answers every reminder recorded before it', () => {
    expect(openLookBacks(stateOf([...SIGNED_OFF, reminded(3)])).map((r) => r.reviewId)).toEqual(['v1-m3']);
    // Even one recorded with a later day than the review's (a worker clock ahead of the API's).
    const state = stateOf([
      ...SIGNED_OFF,
      reminded(3),
      reminded(6),
      confirmed('2026-07-02', ['v1-m3', 'v1-m6']),
    ]);
    expect(openLookBacks(state)).toEqual([]);
  });
});

describe('RaiseLookBack: recorded once, by the system only', () => {
  const given = (events: MeasureEvent[]) => spec(lookBackDecider).given(events);

  it('records the reminder due', () => {
    given(SIGNED_OFF)
      .when(raise(due(3)))
      .then([reminded(3)]);
  });

  it('a second delivery records nothing', () => {
    given([...SIGNED_OFF, reminded(3)])
      .when(raise(due(3)))
      .then([]);
  });

  it('records nothing once the measure is reopened, or the review has answered it', () => {
    given([...SIGNED_OFF, reopened])
      .when(raise(due(3)))
      .then([]);
    given([...SIGNED_OFF, confirmed('2026-07-01', [])])
      .when(raise(due(3)))
      .then([]);
  });

  it('records nothing for an interval no longer configured', () => {
    spec(lookBackDecider)
      .given(SIGNED_OFF)
      .when({ ...raise(due(3)), settings: { ...SETTINGS, months: [6] } })
      .then([]);
  });

  it('a user may not raise one', () => {
    given(SIGNED_OFF)
      .when(raise(due(3), ZHANG))
      .thenRefuses('forbidden', 'lookBack.raise_forbidden');
  });
});

describe('ConfirmLookBack: 回头看 recorded as confirmed', () => {
  const given = (events: MeasureEvent[]) => spec(measureDecider).given(events);

  it('the responsible leader confirms: the review answers every reminder open', () => {
    given([...SIGNED_OFF, reminded(3)])
      .when(confirm(ZHANG, '2026-07-02', '  制度执行到位，未发现反弹 '))
      .then([confirmed('2026-07-02', ['v1-m3'])]);
  });

  it('the secretary confirms any measure; a review before any reminder answers none', () => {
    given(SIGNED_OFF)
      .when(confirm(SECRETARY, '2026-05-01'))
      .then([confirmed('2026-05-01', [], SECRETARY.userId)]);
  });

  it('after the 6-month reminder the next review answers it alone', () => {
    given([...SIGNED_OFF, reminded(3), confirmed('2026-07-02', ['v1-m3']), reminded(6)])
      .when(confirm(ZHANG, '2026-10-08'))
      .then([{ ...confirmed('2026-10-08', ['v1-m6']) }]);
  });

  it('another leader, the department head and inspectors are refused', () => {
    for (const actor of [LI, HEAD, INSPECTOR])
      given([...SIGNED_OFF, reminded(3)])
        .when(confirm(actor, '2026-07-02'))
        .thenRefuses('forbidden', 'lookBack.forbidden');
  });

  it('a measure not signed off has no look-back', () => {
    given([assigned, submitted])
      .when(confirm(ZHANG, '2026-07-02'))
      .thenRefuses('rule', 'measure.not_signed_off');
    given([...SIGNED_OFF, reopened])
      .when(confirm(ZHANG, '2026-07-02'))
      .thenRefuses('rule', 'measure.not_signed_off');
  });

  it('a blank finding is refused naming the field', () => {
    given(SIGNED_OFF)
      .when(confirm(ZHANG, '2026-07-02', '   '))
      .thenRefuses('invalid', 'lookBack.finding_blank', 'finding');
  });

  it('allowedActions offers lookBack exactly to the deciding leaders of a signed-off measure', () => {
    const state = stateOf([...SIGNED_OFF, reminded(3)]);
    for (const actor of [ZHANG, SECRETARY])
      expect(allowedMeasureActions(state, actor, '2026-07-02')).toContain('lookBack');
    for (const actor of [LI, HEAD, INSPECTOR])
      expect(allowedMeasureActions(state, actor, '2026-07-02')).not.toContain('lookBack');
    expect(allowedMeasureActions(stateOf([assigned]), ZHANG, '2026-03-02')).not.toContain('lookBack');
  });
});
