import { alertDecider } from '../alerts/alert.decider';
import { AlertLevel, AlertRaised, ALERT_EVENT_TYPE } from '../alerts/alert.events';
import { alertDataFromV1 } from '../alerts/alert.upcasters';
import { isAlertOpen } from '../alerts/alert.plan';
import { Actor } from '../shared/actor';
import { addDays, CalendarDate } from '../shared/calendar-date';
import { fold } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { givenMeasure } from '../testing/allowed-actions';
import {
  ADMIN,
  assignedMeasure,
  HEAD,
  INSPECTOR,
  LI,
  OTHER_HEAD,
  SECRETARY,
  ZHANG,
} from '../testing/measure.fixtures';
import { allowedMeasureActions, MEASURE_ACTIONS, MeasureAction } from './measure.actions';
import { MeasureCommand } from './measure.commands';
import { measureDecider } from './measure.decider';
import { MeasureAssigned, MeasureEvent } from './measure.events';
import { AssignedMeasure, MeasureState } from './measure.state';

// ---------------------------------------------------------------- people and facts

const TODAY: CalendarDate = '2025-04-15';
const DUE: CalendarDate = '2025-06-30';

const EVERYONE = { ZHANG, LI, SECRETARY, HEAD, OTHER_HEAD, INSPECTOR, ADMIN };

// ---------------------------------------------------------------- events

const assigned = (overrides: Partial<MeasureAssigned['data']> = {}) =>
  assignedMeasure({ assignedOn: '2025-04-01', ...overrides });

const longTerm = assigned({ kind: 'long_term', dueDate: null, reportEveryDays: 30 });
const progress: MeasureEvent = {
  type: 'ProgressReported',
  data: { measureId: 'm-1', note: '已起草', percent: 40, reportedOn: '2025-04-10' },
};
const requested = (newDueDate: CalendarDate = '2025-08-31'): MeasureEvent => ({
  type: 'ExtensionRequested',
  data: { measureId: 'm-1', requestId: 'r-1', currentDueDate: DUE, newDueDate, reason: '等待鉴定' },
});
const rejected: MeasureEvent = {
  type: 'ExtensionRejected',
  data: { measureId: 'm-1', requestId: 'r-1', reason: '理由不足' },
};
const submitted: MeasureEvent = {
  type: 'CompletionSubmitted',
  data: { measureId: 'm-1', summary: '制度已印发', evidence: '制度文本' },
};
const signedOff: MeasureEvent = {
  type: 'MeasureSignedOff',
  data: { measureId: 'm-1', opinion: null, signedOffOn: '2025-04-14', onTime: true },
};
const cancelled: MeasureEvent = {
  type: 'MeasureCancelled',
  data: { measureId: 'm-1', reason: '并入新方案' },
};

function alert(level: AlertLevel): AlertRaised {
  return {
    type: ALERT_EVENT_TYPE[level],
    // As an alert recorded before the ladder decodes: the default ladder's step and recipients.
    data: alertDataFromV1({
      measureId: 'm-1',
      alertId: `v1-deadline-${level}`,
      level,
      subject: 'deadline',
      milestoneId: null,
      dueDate: DUE,
      deadlineVersion: 1,
      dueAt: '2025-06-30T16:00:00Z',
    }),
  } as AlertRaised;
}
const acknowledgedBy = (actor: Actor, level: AlertLevel): MeasureEvent => ({
  type: 'AlertAcknowledged',
  data: { measureId: 'm-1', alertId: `v1-deadline-${level}`, userId: actor.userId },
});

// ---------------------------------------------------------------- role × status

describe('allowedMeasureActions: what each role may do to a measure, status by status', () => {
  describe('a measure just assigned (已交办)', () => {
    const given = givenMeasure([assigned()]).on(TODAY);
    it('the owning department head reports, asks for more time, submits, records outcomes', () => {
      given.as(HEAD).mayOnly(['reportProgress', 'requestExtension', 'submitCompletion', 'recordOutcome']);
    });
    it('the responsible leader and the secretary may cancel it or record an outcome', () => {
      given.as(ZHANG).mayOnly(['cancel', 'recordOutcome', 'urge']);
      given.as(SECRETARY).mayOnly(['cancel', 'recordOutcome', 'urge']);
    });
    it('another leader, another department, inspectors and administrators may do nothing', () => {
      for (const actor of [LI, OTHER_HEAD, INSPECTOR, ADMIN]) given.as(actor).mayOnly([]);
    });
  });

  describe('a measure under way with an extension request awaiting a decision', () => {
    const given = givenMeasure([assigned(), progress, requested()]).on(TODAY);
    it('the department may still report, but neither ask again nor submit until it is decided', () => {
      given.as(HEAD).mayOnly(['reportProgress', 'recordOutcome']);
    });
    it('the responsible leader and the secretary may approve or reject it', () => {
      for (const actor of [ZHANG, SECRETARY])
        given.as(actor).mayOnly(['approveExtension', 'rejectExtension', 'cancel', 'recordOutcome', 'urge']);
    });
    it('another leader may not decide it', () => {
      given.as(LI).mayOnly([]);
    });
  });

  it('a request whose date has passed can only be rejected, no longer approved', () => {
    givenMeasure([assigned({ dueDate: '2025-04-20' }), requested('2025-05-01')])
      .on('2025-05-02')
      .as(ZHANG)
      .mayOnly(['rejectExtension', 'cancel', 'recordOutcome', 'urge']);
  });

  it('once the request is rejected the department may ask again, and nobody decides it twice', () => {
    const given = givenMeasure([assigned(), requested(), rejected]).on(TODAY);
    given.as(HEAD).mayOnly(['reportProgress', 'requestExtension', 'submitCompletion', 'recordOutcome']);
    given.as(ZHANG).mayOnly(['cancel', 'recordOutcome', 'urge']);
  });

  it('a 长期坚持 measure has no deadline to extend', () => {
    givenMeasure([longTerm])
      .on(TODAY)
      .as(HEAD)
      .mayOnly(['reportProgress', 'submitCompletion', 'recordOutcome']);
  });

  describe('a submitted measure (待销号审核)', () => {
    const given = givenMeasure([assigned(), progress, submitted]).on(TODAY);
    it('the deciding leaders sign it off or send it back', () => {
      for (const actor of [ZHANG, SECRETARY])
        given.as(actor).mayOnly(['signOff', 'return', 'cancel', 'recordOutcome', 'urge']);
    });
    it('the department waits: it may only record outcomes', () => {
      given.as(HEAD).mayOnly(['recordOutcome']);
    });
  });

  describe('a signed-off measure (已销号)', () => {
    const given = givenMeasure([assigned(), submitted, signedOff]).on(TODAY);
    it('a look-back review may reopen it; outcomes may still be recorded', () => {
      given.as(ZHANG).mayOnly(['reopen', 'recordOutcome', 'lookBack']);
      given.as(SECRETARY).mayOnly(['reopen', 'recordOutcome', 'lookBack']);
      given.as(HEAD).mayOnly(['recordOutcome']);
      given.as(LI).mayOnly([]);
    });
  });

  it('a cancelled measure offers nothing to anyone', () => {
    const given = givenMeasure([assigned(), cancelled]).on(TODAY);
    for (const actor of Object.values(EVERYONE)) given.as(actor).mayOnly([]);
  });

  it('a measure that does not exist offers nothing', () => {
    expect(allowedMeasureActions({ status: 'unassigned' }, SECRETARY, TODAY)).toEqual([]);
  });

  describe('acknowledging alerts', () => {
    it('an open overdue alert is acknowledged by the department head and the leaders, not by inspectors', () => {
      const given = givenMeasure([assigned(), alert('overdue')]).on('2025-07-01');
      given
        .as(HEAD)
        .mayOnly([
          'reportProgress',
          'requestExtension',
          'submitCompletion',
          'recordOutcome',
          'acknowledgeAlert',
        ]);
      given.as(ZHANG).mayOnly(['cancel', 'recordOutcome', 'acknowledgeAlert', 'urge']);
      given.as(SECRETARY).mayOnly(['cancel', 'recordOutcome', 'acknowledgeAlert', 'urge']);
      given.as(INSPECTOR).mayOnly([]);
      given.as(OTHER_HEAD).mayOnly([]);
    });
    it('an escalation (督办) goes to the inspectors as well', () => {
      givenMeasure([assigned(), alert('escalated')])
        .on('2025-07-08')
        .as(INSPECTOR)
        .mayOnly(['acknowledgeAlert']);
    });
    it('once I have acknowledged it, it is no longer offered to me, but still to the others', () => {
      const given = givenMeasure([assigned(), alert('overdue'), acknowledgedBy(HEAD, 'overdue')]).on(
        '2025-07-01',
      );
      given.as(HEAD).mayOnly(['reportProgress', 'requestExtension', 'submitCompletion', 'recordOutcome']);
      given.as(ZHANG).mayOnly(['cancel', 'recordOutcome', 'acknowledgeAlert', 'urge']);
    });
    it('an alert closed by sign-off is not offered', () => {
      givenMeasure([assigned(), alert('overdue'), submitted, signedOff])
        .on('2025-07-01')
        .as(ZHANG)
        .mayOnly(['reopen', 'recordOutcome', 'lookBack']);
    });
  });
});

// ---------------------------------------------------------------- agreement with the deciders

/** A well-formed command for each action, so that only the actor and the measure can refuse it. */
function representative(
  action: Exclude<MeasureAction, 'acknowledgeAlert'>,
  state: AssignedMeasure,
): Omit<MeasureCommand, 'context'> {
  const requestId = state.pendingExtension?.requestId ?? state.extensionRequestIds.at(-1) ?? 'r-none';
  const later = (state.dueDate ?? TODAY) > TODAY ? (state.dueDate ?? TODAY) : TODAY;
  switch (action) {
    case 'reportProgress':
      return { type: 'ReportProgress', data: { note: '推进中', percent: 50 } };
    case 'requestExtension':
      return {
        type: 'RequestExtension',
        data: { requestId: 'r-new', newDueDate: addDays(later, 30), reason: '需要' },
      };
    case 'approveExtension':
      return { type: 'ApproveExtension', data: { requestId, opinion: null } };
    case 'rejectExtension':
      return { type: 'RejectExtension', data: { requestId, reason: '不同意' } };
    case 'submitCompletion':
      return { type: 'SubmitCompletion', data: { summary: '已完成', evidence: null } };
    case 'signOff':
      return { type: 'SignOff', data: { opinion: null } };
    case 'return':
      return { type: 'ReturnMeasure', data: { reason: '材料不全' } };
    case 'reopen':
      return { type: 'ReopenMeasure', data: { reason: '反弹', newDueDate: null } };
    case 'cancel':
      return { type: 'CancelMeasure', data: { reason: '并入' } };
    case 'recordOutcome':
      return { type: 'RecordOutcome', data: { outcomeId: 'o-new', title: '《新制度》' } };
    case 'urge':
      return { type: 'UrgeMeasure', data: { urgeId: 'u-new', message: '请加快进度' } };
    case 'lookBack':
      return { type: 'ConfirmLookBack', data: { finding: '经回头看，未发现反弹' } };
  }
}

function accepted(run: () => unknown[]): boolean {
  try {
    return run().length > 0;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
}

describe('allowedMeasureActions agrees with the deciders', () => {
  const histories: Record<string, MeasureEvent[]> = {
    assigned: [assigned()],
    'long term': [longTerm],
    'extension pending': [assigned(), progress, requested()],
    'extension expired': [assigned({ dueDate: '2025-04-01' }), requested('2025-04-14')],
    'extension rejected': [assigned(), requested(), rejected],
    submitted: [assigned(), submitted],
    'signed off': [assigned(), submitted, signedOff],
    cancelled: [assigned(), cancelled],
    'overdue alert': [assigned(), alert('overdue')],
    'escalated, acknowledged by the head': [
      assigned(),
      alert('escalated'),
      acknowledgedBy(HEAD, 'escalated'),
    ],
    'due soon answered by overdue': [assigned(), alert('due_soon'), alert('overdue')],
  };
  const cases = Object.entries(histories).flatMap(([history, events]) =>
    Object.entries(EVERYONE).map(([who, actor]) => ({ history, events, who, actor })),
  );

  it.each(cases)(
    '$history, as $who: every action listed is accepted, every other refused',
    ({ events, actor }) => {
      const state = fold(measureDecider, events) as AssignedMeasure;
      const listed = allowedMeasureActions(state, actor, TODAY);
      const context = { actor, today: TODAY };
      const verdicts = MEASURE_ACTIONS.filter((action) => {
        if (action === 'acknowledgeAlert') {
          // Offered when some open alert (as GET /me/alerts shows them) would be acknowledged by me.
          return state.alerts.some(
            (a) => isAlertOpen(a, state) && accepted(() => acknowledge(state, a.alertId, actor)),
          );
        }
        const command = { ...representative(action, state), context } as MeasureCommand;
        return accepted(() => measureDecider.decide(command, state));
      });
      expect(listed).toEqual(verdicts);
    },
  );
});

function acknowledge(state: MeasureState, alertId: string, actor: Actor) {
  return alertDecider.decide(
    { type: 'AcknowledgeAlert', data: { alertId }, context: { actor, today: TODAY } },
    state,
  );
}
