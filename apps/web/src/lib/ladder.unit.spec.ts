import { alertLevel, alertName, ALERT_LEVELS } from './labels';
import { currentIndex, ladderItems, recipientsText, stepSentence, triggerText } from './ladder';
import { LadderStep, MeasureLadderStep } from './types';

const step = (over: Partial<LadderStep>): LadderStep => ({
  id: 'overdue',
  name: '逾期督办',
  level: 'overdue',
  trigger: { daysOverdue: 0 },
  recipients: ['department_head', 'responsible_leader', 'secretary'],
  notice: true,
  noticeTitle: '督办通知书',
  milestones: true,
  ...over,
});

describe('the court’s ladder in words', () => {
  it('says when each step is reached', () => {
    expect(triggerText({ daysBefore: 3 })).toBe('到期前3天');
    expect(triggerText({ daysBefore: 0 })).toBe('到期当日');
    expect(triggerText({ timeLeftPercent: 30 })).toBe('期限剩余30%时');
    expect(triggerText({ daysOverdue: 0 })).toBe('逾期当日');
    expect(triggerText({ daysOverdue: 7 })).toBe('逾期7天');
  });

  it('names the recipients by post, in the configured order', () => {
    expect(recipientsText(['responsible_leader', 'secretary', 'inspectors'])).toBe(
      '责任领导、党组书记、纪检监察',
    );
    expect(recipientsText(['department_head'])).toBe('责任部门负责人');
    expect(recipientsText(['someone_new'])).toBe('someone_new');
  });

  it('writes a step in one line, with its notice when it issues one', () => {
    expect(
      stepSentence(
        step({
          id: 'remind',
          name: '提醒',
          level: 'reminder',
          trigger: { timeLeftPercent: 30 },
          recipients: ['department_head'],
          notice: false,
          noticeTitle: null,
        }),
      ),
    ).toBe('期限剩余30%时 · 提醒 · 送达责任部门负责人');
    expect(
      stepSentence(
        step({
          id: 'warn',
          name: '告诫',
          trigger: { daysOverdue: 3 },
          recipients: ['responsible_leader', 'secretary', 'inspectors'],
          noticeTitle: '告诫书',
        }),
      ),
    ).toBe('逾期3天 · 告诫 · 送达责任领导、党组书记、纪检监察 · 制发告诫书');
  });
});

describe('alert levels', () => {
  it('has one label and colour per level, the new 提醒 included', () => {
    expect(Object.entries(ALERT_LEVELS).map(([level, l]) => [level, l.label])).toEqual([
      ['reminder', '提醒'],
      ['due_soon', '临期'],
      ['overdue', '逾期'],
      ['escalated', '督办'],
    ]);
    expect(new Set(Object.values(ALERT_LEVELS).map((l) => l.color)).size).toBe(4);
    expect(alertLevel('something_else')).toEqual({ label: 'something_else', color: 'default' });
  });

  it('calls an alert by its step, or by its level before the ladder', () => {
    expect(alertName({ level: 'escalated', stepName: '告诫书' })).toBe('告诫书');
    expect(alertName({ level: 'overdue' })).toBe('逾期');
    expect(alertName({ level: 'reminder', stepName: '' })).toBe('提醒');
  });
});

describe('a measure’s ladder', () => {
  const ladder: MeasureLadderStep[] = [
    {
      ...step({ id: 'due_soon', name: '临期提醒', level: 'due_soon' }),
      reachedOn: '2026-03-07',
      recorded: true,
    },
    { ...step({}), reachedOn: '2026-03-11', recorded: true },
    {
      ...step({ id: 'escalated', name: '升级督办', level: 'escalated' }),
      reachedOn: '2026-03-18',
      recorded: false,
    },
  ].map(({ trigger: _t, milestones: _m, ...s }) => s);

  it('marks recorded, reached, today’s and future steps, and the current one', () => {
    const items = ladderItems(ladder, { id: 'overdue', name: '逾期督办', level: 'overdue' }, '2026-03-12');
    expect(items.map((i) => [i.id, i.stateLabel, i.current, i.when])).toEqual([
      ['due_soon', '已触发', false, '5天前'],
      ['overdue', '已触发', true, '1天前'],
      ['escalated', '未到', false, '还有6天'],
    ]);
    expect(currentIndex(items)).toBe(1);

    const unrecorded = ladder.map((s) => ({ ...s, recorded: false }));
    expect(ladderItems(unrecorded, null, '2026-03-11').map((i) => i.state)).toEqual([
      'reached',
      'today',
      'future',
    ]);
  });

  it('has no current step before the first, and none once signed off', () => {
    const before = ladderItems(
      ladder.map((s) => ({ ...s, recorded: false })),
      null,
      '2026-03-01',
    );
    expect(before.every((i) => i.state === 'future' && !i.current)).toBe(true);
    expect(currentIndex(before)).toBe(-1);

    const signedOff = ladderItems(
      ladder,
      { id: 'overdue', name: '逾期督办', level: 'overdue' },
      '2026-03-20',
      {
        signedOff: true,
      },
    );
    expect(signedOff.map((i) => i.stateLabel)).toEqual(['已触发', '已触发', '不再触发']);
    expect(signedOff.some((i) => i.current)).toBe(false);
  });
});
