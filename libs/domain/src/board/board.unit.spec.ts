import { defaultLadder } from '../alerts/ladder';
import { MeasureEvent } from '../measure/measure.events';
import { readLight } from './light';
import { evolveMeasureLine, LineEventContext, MeasureLine } from './measure-line';
import { reportSentence } from './report-sentence';
import { totalsOf } from './totals';

const by = (actorId: string, recordedOn = '2026-03-01'): LineEventContext => ({ actorId, recordedOn });

const assigned = (overrides: Partial<Extract<MeasureEvent, { type: 'MeasureAssigned' }>['data']> = {}) =>
  ({
    type: 'MeasureAssigned',
    data: {
      measureId: 'm1',
      campaignId: 'c1',
      problemId: 'p1',
      number: '1.1',
      content: '修订学习制度',
      target: '形成制度',
      kind: 'deadline',
      responsibleLeaderId: 'leader',
      departmentId: 'd1',
      responsiblePerson: '黄诚',
      dueDate: '2026-03-20',
      reportEveryDays: null,
      milestones: [],
      deadlineVersion: 1,
      ...overrides,
    },
  }) as MeasureEvent;

/** Given these measure events (each recorded by `leader` on 2026-03-01), the line they fold to. */
function given(...events: MeasureEvent[]): MeasureLine {
  const line = events.reduce<MeasureLine | undefined>(
    (l, e) => evolveMeasureLine(l, e, by('leader')),
    undefined,
  );
  if (!line) throw new Error('no line');
  return line;
}

const signedOff = (signedOffOn: string, onTime: boolean | null): MeasureEvent => ({
  type: 'MeasureSignedOff',
  data: { measureId: 'm1', opinion: null, signedOffOn, onTime },
});
const progress = (reportedOn: string, note = '进展'): MeasureEvent => ({
  type: 'ProgressReported',
  data: { measureId: 'm1', note, percent: 40, reportedOn },
});

const LADDER = defaultLadder(3, 7);

describe('measure line (挂图作战 row)', () => {
  it('given an assignment, then the line carries the five fixes and no sign-off', () => {
    const line = given(assigned());
    expect(line).toMatchObject({
      number: '1.1',
      responsibleLeaderId: 'leader',
      departmentId: 'd1',
      originalDueDate: '2026-03-20',
      dueDate: '2026-03-20',
      status: 'assigned',
      assignedOn: '2026-03-01',
      signedOffOn: null,
    });
  });

  it('given an approved extension, then the current deadline moves and the original stays', () => {
    const line = given(assigned(), {
      type: 'ExtensionApproved',
      data: {
        measureId: 'm1',
        requestId: 'r1',
        previousDueDate: '2026-03-20',
        newDueDate: '2026-04-10',
        deadlineVersion: 2,
        opinion: null,
      },
    });
    expect(line).toMatchObject({
      originalDueDate: '2026-03-20',
      dueDate: '2026-04-10',
      extensionsGranted: 1,
    });
  });

  it('given a sign-off, then it records when, by whom and whether on time', () => {
    const line = given(assigned(), signedOff('2026-03-18', true));
    expect(line).toMatchObject({
      status: 'signed_off',
      signedOffOn: '2026-03-18',
      signedOffBy: 'leader',
      onTime: true,
    });
  });

  it('given a return, then it is marked returned until resubmitted', () => {
    const returned = given(assigned(), {
      type: 'MeasureReturned',
      data: { measureId: 'm1', reason: '材料不全' },
    });
    expect(returned).toMatchObject({ status: 'in_progress', returned: true });
    const resubmitted = evolveMeasureLine(
      returned,
      { type: 'CompletionSubmitted', data: { measureId: 'm1', summary: '已补齐', evidence: null } },
      by('head'),
    );
    expect(resubmitted).toMatchObject({ status: 'submitted', returned: false, completionSummary: '已补齐' });
  });

  it('given a look-back reopening after sign-off, then the sign-off is gone and it is marked reopened', () => {
    const line = given(assigned(), signedOff('2026-03-18', true), {
      type: 'MeasureReopened',
      data: { measureId: 'm1', reason: '反弹', newDueDate: '2026-05-01', deadlineVersion: 2 },
    });
    expect(line).toMatchObject({
      status: 'in_progress',
      reopened: true,
      reopenings: 1,
      dueDate: '2026-05-01',
      signedOffOn: null,
    });
  });

  it('given events before assignment, then there is no line', () => {
    expect(evolveMeasureLine(undefined, progress('2026-03-02'), by('head'))).toBeUndefined();
  });
});

describe('回头看待查 on the line', () => {
  const due = (reviewId: string, dueOn: string): MeasureEvent => ({
    type: 'LookBackDue',
    data: {
      measureId: 'm1',
      reviewId,
      signedOffOn: '2026-03-18',
      dueOn,
      months: 3,
      deadlineVersion: 1,
      dueAt: `${dueOn}T00:00:00+08:00`,
    },
  });
  const confirmed: MeasureEvent = {
    type: 'LookBackConfirmed',
    data: {
      measureId: 'm1',
      reviewId: 'v1-m3',
      answers: ['v1-m3'],
      finding: '未反弹',
      reviewedBy: 'leader',
      reviewedOn: '2026-06-20',
      deadlineVersion: 1,
    },
  };
  const submitted: MeasureEvent = {
    type: 'CompletionSubmitted',
    data: { measureId: 'm1', summary: '已完成', evidence: null },
  };
  const done = [assigned(), submitted, signedOff('2026-03-18', true)];

  it('is dated by the oldest open reminder and cleared by a review', () => {
    expect(given(...done).lookBackDueOn).toBeNull();
    expect(given(...done, due('v1-m3', '2026-06-18'), due('v1-m6', '2026-09-18')).lookBackDueOn).toBe(
      '2026-06-18',
    );
    expect(given(...done, due('v1-m3', '2026-06-18'), confirmed).lookBackDueOn).toBeNull();
  });

  it('a reopening clears it', () => {
    const reopened: MeasureEvent = {
      type: 'MeasureReopened',
      data: { measureId: 'm1', reason: '反弹', newDueDate: null, deadlineVersion: 2 },
    };
    expect(given(...done, due('v1-m3', '2026-06-18'), reopened).lookBackDueOn).toBeNull();
  });
});

describe('light (红黄蓝绿)', () => {
  const line = given(assigned({ dueDate: '2026-03-20' }));

  it('is green once signed off, even after the deadline', () => {
    expect(readLight(given(assigned(), signedOff('2026-03-25', false)), '2026-04-30', LADDER).light).toBe(
      'green',
    );
  });

  it('is blue while the deadline is more than N days away', () => {
    expect(readLight(line, '2026-03-16', LADDER)).toEqual({
      light: 'blue',
      overdue: false,
      dueSoon: false,
      step: null,
      escalated: false,
      behindMilestone: false,
    });
  });

  it('is yellow within N days of the deadline, the deadline day included', () => {
    expect(readLight(line, '2026-03-17', LADDER).light).toBe('yellow');
    expect(readLight(line, '2026-03-20', LADDER).light).toBe('yellow');
    expect(readLight(line, '2026-03-17', defaultLadder(2, 7)).light).toBe('blue');
  });

  it('is red after the end of the deadline day', () => {
    expect(readLight(line, '2026-03-21', LADDER)).toMatchObject({ light: 'red', overdue: true });
  });

  it('reads the current deadline, not the original one, once extended', () => {
    const extended = { ...line, dueDate: '2026-04-30' };
    expect(readLight(extended, '2026-03-25', LADDER).light).toBe('blue');
  });

  it('is yellow when a passed milestone shows no progress since the one before it', () => {
    const milestones = [
      { milestoneId: 'a', title: '建立台账', dueDate: '2026-03-05' },
      { milestoneId: 'b', title: '清结过半', dueDate: '2026-03-10' },
    ];
    const withMilestones = given(assigned({ dueDate: '2026-04-30', milestones }));
    expect(readLight(withMilestones, '2026-03-06', LADDER)).toMatchObject({
      light: 'yellow',
      behindMilestone: true,
    });
    const reported = given(assigned({ dueDate: '2026-04-30', milestones }), progress('2026-03-04'));
    expect(readLight(reported, '2026-03-06', LADDER).light).toBe('blue');
    expect(readLight(reported, '2026-03-11', LADDER).light).toBe('yellow');
  });

  it('reads a 长期坚持 measure against its next report date', () => {
    const ongoing = given(
      assigned({ kind: 'long_term', dueDate: null, reportEveryDays: 30 }),
      progress('2026-03-10'),
    );
    expect(readLight(ongoing, '2026-04-01', LADDER).light).toBe('blue');
    expect(readLight(ongoing, '2026-04-08', LADDER).light).toBe('yellow');
    expect(readLight(ongoing, '2026-04-10', LADDER).light).toBe('red');
  });
});

describe('totals', () => {
  const today = '2026-03-25';
  const entries = [
    given(assigned(), signedOff('2026-03-18', true)),
    given(assigned(), signedOff('2026-03-24', false)),
    given(assigned({ dueDate: '2026-03-27' })),
    given(assigned({ dueDate: '2026-03-10' })),
    given(assigned({ dueDate: '2026-05-10' })),
    given(assigned(), { type: 'MeasureCancelled', data: { measureId: 'm1', reason: '合并' } }),
  ].map((line) => ({ line, reading: readLight(line, today, LADDER) }));

  it('counts each light, leaves cancelled measures out, and computes both rates', () => {
    expect(totalsOf(entries)).toEqual({
      measures: 5,
      signedOff: 2,
      inProgress: 3,
      dueSoon: 1,
      overdue: 1,
      extensionsGranted: 0,
      completionRate: 0.4,
      onTimeRate: 0.5,
    });
  });

  it('has no rates when there is nothing to divide by', () => {
    expect(totalsOf([])).toMatchObject({ measures: 0, completionRate: null, onTimeRate: null });
  });
});

describe('report sentence', () => {
  it('quotes the figures as court reports do', () => {
    expect(reportSentence({ problems: 9, measures: 9, signedOff: 7, outcomes: 2 })).toBe(
      '共梳理问题9个，制定整改措施9条，已整改到位7条，整改完成率77.8%，形成制度成果2项。',
    );
  });

  it('leaves out outcomes when none were recorded', () => {
    expect(reportSentence({ problems: 3, measures: 4, signedOff: 0, outcomes: 0 })).toBe(
      '共梳理问题3个，制定整改措施4条，已整改到位0条，整改完成率0.0%。',
    );
  });
});
