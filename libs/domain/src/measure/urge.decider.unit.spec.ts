import { Actor } from '../shared/actor';
import { CalendarDate } from '../shared/calendar-date';
import { fold } from '../shared/decider';
import { spec } from '../testing/given-when-then';
import { assignedMeasure, HEAD, INSPECTOR, LI, SECRETARY, ZHANG } from '../testing/measure.fixtures';
import { UrgeMeasure } from './measure.commands';
import { measureDecider } from './measure.decider';
import { MeasureEvent, MeasureUrged } from './measure.events';
import { urgingsOf } from './measure.state';

const TODAY: CalendarDate = '2026-03-10';
const assigned = assignedMeasure({ dueDate: '2026-03-31', assignedOn: '2026-03-01' });
const urged = (urgeId = 'g-1', urgedBy = ZHANG.userId): MeasureUrged => ({
  type: 'MeasureUrged',
  data: { measureId: 'm-1', urgeId, message: '请加快进度', urgedBy, urgedOn: TODAY },
});
const urge = (actor: Actor, message = '请加快进度', urgeId = 'g-1'): UrgeMeasure => ({
  type: 'UrgeMeasure',
  data: { urgeId, message },
  context: { actor, today: TODAY },
});
const given = (events: MeasureEvent[]) => spec(measureDecider).given(events);

describe('催办: urging a measure', () => {
  it('the responsible leader urges: the urging is recorded with who and when', () => {
    given([assigned]).when(urge(ZHANG, '  请加快进度  ')).then([urged()]);
  });

  it('the secretary urges any measure', () => {
    given([assigned])
      .when(urge(SECRETARY))
      .then([urged('g-1', SECRETARY.userId)]);
  });

  it('a department head, an inspector or another leader may not urge', () => {
    for (const actor of [HEAD, INSPECTOR, LI]) {
      given([assigned]).when(urge(actor)).thenRefuses('forbidden', 'measure.urge_forbidden');
    }
  });

  it('a blank message is refused naming the field', () => {
    given([assigned]).when(urge(ZHANG, '   ')).thenRefuses('invalid', 'urge.message_blank', 'message');
  });

  it('a signed-off or cancelled measure is not urged', () => {
    const cancelled: MeasureEvent = { type: 'MeasureCancelled', data: { measureId: 'm-1', reason: '并入' } };
    given([assigned, cancelled]).when(urge(ZHANG)).thenRefuses('rule', 'measure.not_under_way');
  });

  it('the same urging is not recorded twice', () => {
    given([assigned, urged()]).when(urge(ZHANG)).thenRefuses('conflict', 'urge.exists');
  });

  it('an urging stays open until the department reports progress', () => {
    const open = fold(measureDecider, [assigned, urged()]);
    expect(open.status !== 'unassigned' && urgingsOf(open).map((u) => u.answered)).toEqual([false]);
    const answered = fold(measureDecider, [
      assigned,
      urged(),
      {
        type: 'ProgressReported',
        data: { measureId: 'm-1', note: '已推进', percent: 50, reportedOn: TODAY },
      },
    ]);
    expect(answered.status !== 'unassigned' && urgingsOf(answered).map((u) => u.answered)).toEqual([true]);
  });
});
