import { fold } from '../shared/decider';
import { MeasureEvent } from '../measure/measure.events';
import { evolveMeasure, initialMeasureState } from '../measure/measure.state';
import { assigned, extensionApproved, settings } from './alert.fixtures';
import { isAlertOpen, planAlerts, unrecordedAlerts } from './alert.plan';

const stateAfter = (events: MeasureEvent[]) =>
  fold({ initialState: initialMeasureState, evolve: evolveMeasure }, events);
const summary = (events: MeasureEvent[]) =>
  planAlerts(stateAfter(events), settings).map((a) => [a.alertId, a.fireAt.toISOString()]);

describe('the alert plan of a measure', () => {
  it('a deadline gets 临期 DUE_SOON_DAYS before, 逾期 after its day ends, 督办 ESCALATE_AFTER_DAYS later', () => {
    expect(summary([assigned()])).toEqual([
      ['v1-deadline-due_soon', '2025-06-27T00:00:00.000Z'],
      ['v1-deadline-overdue', '2025-07-01T00:00:00.000Z'],
      ['v1-deadline-escalated', '2025-07-08T00:00:00.000Z'],
    ]);
  });

  it('milestones warn and go overdue like deadlines', () => {
    const milestones = [{ milestoneId: 'ms-1', title: '完成自查', dueDate: '2025-05-15' }];
    expect(summary([assigned({ milestones })])).toEqual(
      expect.arrayContaining([
        ['v1-milestone-ms-1-due_soon', '2025-05-12T00:00:00.000Z'],
        ['v1-milestone-ms-1-overdue', '2025-05-16T00:00:00.000Z'],
      ]),
    );
  });

  it('an approved extension makes a new version with its own alerts', () => {
    expect(summary([assigned(), extensionApproved])[1]).toEqual([
      'v2-deadline-overdue',
      '2025-09-01T00:00:00.000Z',
    ]);
  });

  it('a signed-off or cancelled measure calls for no alert', () => {
    const cancelled: MeasureEvent = { type: 'MeasureCancelled', data: { measureId: 'm-1', reason: '合并' } };
    expect(summary([assigned(), cancelled])).toEqual([]);
  });

  it('长期坚持: a report is due each period from the last report (or the assignment)', () => {
    const longTerm = assigned({ kind: 'long_term', dueDate: null, reportEveryDays: 30 });
    expect(summary([longTerm])).toEqual([['v1-report-2025-05-15-overdue', '2025-05-16T00:00:00.000Z']]);
    const reported: MeasureEvent = {
      type: 'ProgressReported',
      data: { measureId: 'm-1', note: '按月报告', percent: 10, reportedOn: '2025-05-10' },
    };
    expect(summary([longTerm, reported])).toEqual([
      ['v1-report-2025-06-09-overdue', '2025-06-10T00:00:00.000Z'],
    ]);
  });

  it('alerts already recorded are not planned again', () => {
    const [dueSoon] = planAlerts(stateAfter([assigned()]), settings);
    const { fireAt: _f, ...data } = dueSoon;
    const warned: MeasureEvent = { type: 'DueSoonWarned', data: { ...data, level: 'due_soon' } };
    expect(unrecordedAlerts(stateAfter([assigned(), warned]), settings).map((a) => a.alertId)).toEqual([
      'v1-deadline-overdue',
      'v1-deadline-escalated',
    ]);
  });
});

describe('whether a recorded alert still stands', () => {
  const recorded = (events: MeasureEvent[], level: 'due_soon' | 'overdue') => {
    const planned = planAlerts(stateAfter(events), settings).find((a) => a.level === level)!;
    const { fireAt: _f, ...data } = planned;
    return level === 'due_soon'
      ? ({ type: 'DueSoonWarned', data: { ...data, level } } as MeasureEvent)
      : ({ type: 'OverdueFlagged', data: { ...data, level } } as MeasureEvent);
  };
  const openIds = (events: MeasureEvent[]) => {
    const state = stateAfter(events);
    return state.status === 'unassigned'
      ? []
      : state.alerts.filter((a) => isAlertOpen(a, state)).map((a) => a.alertId);
  };

  it('given a 临期 warning, when nothing else happened, then it is open', () => {
    expect(openIds([assigned(), recorded([assigned()], 'due_soon')])).toEqual(['v1-deadline-due_soon']);
  });

  it('given a 临期 warning, when the 逾期 alert of the same deadline is recorded, then only 逾期 is open', () => {
    const events = [assigned(), recorded([assigned()], 'due_soon'), recorded([assigned()], 'overdue')];
    expect(openIds(events)).toEqual(['v1-deadline-overdue']);
  });

  it('given an 逾期 alert, when an extension is approved, then it no longer stands (old deadline version)', () => {
    expect(openIds([assigned(), recorded([assigned()], 'overdue'), extensionApproved])).toEqual([]);
  });

  it('given an 逾期 alert, when the measure is cancelled, then it no longer stands', () => {
    const cancelled: MeasureEvent = { type: 'MeasureCancelled', data: { measureId: 'm-1', reason: '合并' } };
    expect(openIds([assigned(), recorded([assigned()], 'overdue'), cancelled])).toEqual([]);
  });
});
