import { CommandContext } from '../shared/command-context';
import { Actor } from '../shared/actor';
import { MeasureEvent } from '../measure/measure.events';
import { spec } from '../testing/given-when-then';
import { AcknowledgeAlert, RaiseAlert } from './alert.commands';
import { alertDecider } from './alert.decider';
import { AlertData } from './alert.events';
import { planAlerts } from './alert.plan';
import { fold } from '../shared/decider';
import {
  assigned,
  extensionApproved,
  HEAD,
  INSPECTOR,
  OTHER_HEAD,
  settings,
  SYSTEM,
  ZHANG,
} from './alert.fixtures';

const given = (events: MeasureEvent[]) => spec(alertDecider).given(events);
const ctx = (actor: Actor): CommandContext => ({ actor, today: '2025-07-01' });

// What the court's ladder plans for the measure: the decider records the plan, not the job's copy.
const planned = (alertId: string): AlertData => {
  const found = planAlerts(fold(alertDecider, [assigned()]), settings).find((a) => a.alertId === alertId);
  if (!found) throw new Error(`no planned alert ${alertId}`);
  const { fireAt: _f, ...data } = found;
  return data;
};
const dueSoon = planned('v1-deadline-due_soon');
const overdue = planned('v1-deadline-overdue');
const escalated = planned('v1-deadline-escalated');
const raise = (data: Pick<AlertData, 'measureId' | 'alertId'>, actor: Actor = SYSTEM): RaiseAlert => ({
  type: 'RaiseAlert',
  data: { measureId: data.measureId, alertId: data.alertId },
  settings,
  context: ctx(actor),
});
const acknowledge = (actor: Actor, alertId = overdue.alertId): AcknowledgeAlert => ({
  type: 'AcknowledgeAlert',
  data: { alertId },
  context: ctx(actor),
});
const warned: MeasureEvent = { type: 'DueSoonWarned', data: { ...dueSoon, level: 'due_soon' } };
const flagged: MeasureEvent = { type: 'OverdueFlagged', data: { ...overdue, level: 'overdue' } };
const escalation: MeasureEvent = { type: 'Escalated', data: { ...escalated, level: 'escalated' } };
const submitted: MeasureEvent = {
  type: 'CompletionSubmitted',
  data: { measureId: 'm-1', summary: '已完成', evidence: null },
};
const signedOff: MeasureEvent = {
  type: 'MeasureSignedOff',
  data: { measureId: 'm-1', opinion: null, signedOffOn: '2025-06-20', onTime: true },
};

describe('raising an alert', () => {
  it('records the step as the ladder plans it now, whatever the job carried', () => {
    const stale = { ...overdue, stepName: '旧名称', recipients: [] };
    given([assigned(), warned])
      .when({ ...raise(overdue), data: stale })
      .then([flagged]);
  });

  it('the system records a due alert once, as the event of its level', () => {
    given([assigned(), warned]).when(raise(overdue)).then([flagged]);
    given([assigned(), warned, flagged]).when(raise(escalated)).then([escalation]);
  });

  it('a step reached while earlier ones are missing records them first, in order', () => {
    given([assigned()]).when(raise(escalated)).then([warned, flagged, escalation]);
    given([assigned(), warned]).when(raise(escalated)).then([flagged, escalation]);
  });

  it('a second firing of the same alert records nothing', () => {
    given([assigned(), flagged]).when(raise(overdue)).then([]);
  });

  it('a signed-off measure records nothing', () => {
    given([assigned(), submitted, signedOff]).when(raise(overdue)).then([]);
  });

  it('an alert of a superseded deadline version records nothing', () => {
    given([assigned(), extensionApproved]).when(raise(overdue)).then([]);
  });

  it('an alert for a milestone the measure no longer has records nothing', () => {
    given([assigned()])
      .when(raise({ measureId: 'm-1', alertId: 'v1-milestone-ms-9-overdue' }))
      .then([]);
  });

  it('a submitted measure awaiting sign-off is still alerted', () => {
    given([assigned(), warned, submitted]).when(raise(overdue)).then([flagged]);
  });

  it('nobody but the system raises alerts', () => {
    given([assigned()]).when(raise(overdue, ZHANG)).thenRefuses('forbidden', 'alert.raise_forbidden');
  });
});

describe('acknowledging an alert', () => {
  const acknowledged = (userId: string): MeasureEvent => ({
    type: 'AlertAcknowledged',
    data: { measureId: 'm-1', alertId: overdue.alertId, userId },
  });

  it('the department head and the responsible leader acknowledge their alert', () => {
    given([assigned(), flagged])
      .when(acknowledge(HEAD))
      .then([acknowledged(HEAD.userId)]);
    given([assigned(), flagged])
      .when(acknowledge(ZHANG))
      .then([acknowledged(ZHANG.userId)]);
  });

  it('acknowledging twice records once', () => {
    given([assigned(), flagged, acknowledged(HEAD.userId)])
      .when(acknowledge(HEAD))
      .then([]);
  });

  it('another department head may not acknowledge it', () => {
    given([assigned(), flagged])
      .when(acknowledge(OTHER_HEAD))
      .thenRefuses('forbidden', 'alert.not_recipient');
  });

  it('inspectors receive escalations only', () => {
    given([assigned(), flagged]).when(acknowledge(INSPECTOR)).thenRefuses('forbidden', 'alert.not_recipient');
    given([assigned(), escalation])
      .when(acknowledge(INSPECTOR, escalated.alertId))
      .then([
        {
          type: 'AlertAcknowledged',
          data: { measureId: 'm-1', alertId: escalated.alertId, userId: INSPECTOR.userId },
        },
      ]);
  });

  it('an alert that was never raised is not found', () => {
    given([assigned()]).when(acknowledge(HEAD)).thenRefuses('not_found', 'alert.not_found');
  });
});
