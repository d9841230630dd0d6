import { defaultLadder, LadderError, parseLadder, stepReachedOn } from './ladder';

const step = (over: Record<string, unknown> = {}) => ({
  id: 'overdue',
  name: '督办通知书',
  level: 'overdue',
  trigger: { daysOverdue: 0 },
  recipients: ['department_head'],
  ...over,
});

const problemsOf = (raw: unknown): string[] => {
  try {
    parseLadder(raw);
  } catch (error) {
    if (error instanceof LadderError) return error.problems;
    throw error;
  }
  return [];
};

describe('the supervision ladder', () => {
  it('by default is the three steps DUE_SOON_DAYS and ESCALATE_AFTER_DAYS have always set', () => {
    const ladder = defaultLadder(3, 7);
    expect(ladder.steps.map((s) => [s.id, s.level, s.trigger, s.notice])).toEqual([
      ['due_soon', 'due_soon', { daysBefore: 3 }, false],
      ['overdue', 'overdue', { daysOverdue: 0 }, true],
      ['escalated', 'escalated', { daysOverdue: 7 }, true],
    ]);
    expect(ladder.steps[2].recipients).toContain('inspectors');
    expect(ladder.steps[1].recipients).not.toContain('inspectors');
  });

  it('places each trigger on the calendar', () => {
    expect(stepReachedOn({ daysBefore: 3 }, '2026-03-31', null)).toBe('2026-03-28');
    expect(stepReachedOn({ daysOverdue: 0 }, '2026-03-31', null)).toBe('2026-04-01');
    expect(stepReachedOn({ daysOverdue: 7 }, '2026-03-31', null)).toBe('2026-04-08');
    // 90 days from 2026-01-01 to 2026-04-01: 30 % is 27 days before the due day.
    expect(stepReachedOn({ timeLeftPercent: 30 }, '2026-04-01', '2026-01-01')).toBe('2026-03-05');
    expect(stepReachedOn({ timeLeftPercent: 30 }, '2026-04-01', null)).toBeNull();
  });

  it('reads a court file and fills what it may leave out', () => {
    const ladder = parseLadder({ steps: [step({ name: ' 督办通知书 ' })] });
    expect(ladder.steps[0]).toEqual({
      id: 'overdue',
      name: '督办通知书',
      level: 'overdue',
      trigger: { daysOverdue: 0 },
      recipients: ['department_head'],
      notice: false,
      noticeTitle: '督办通知书',
      milestones: false,
    });
  });

  it.each([
    [{}, 'the ladder must be an object with "steps"'],
    [{ steps: [] }, 'the ladder must be an object with "steps"'],
    [{ steps: [step({ id: 'Over due' })] }, 'steps[0].id must be lower-case'],
    [{ steps: [step({ name: '' })] }, 'steps[0].name must be a text'],
    [{ steps: [step({ level: 'red' })] }, 'steps[0].level must be one of'],
    [{ steps: [step({ trigger: { daysOverdue: 1, daysBefore: 2 } })] }, 'exactly one of'],
    [
      { steps: [step({ trigger: { timeLeftPercent: 0 } })] },
      'timeLeftPercent must be a number between 0 and 100',
    ],
    [{ steps: [step({ trigger: { daysOverdue: 1.5 } })] }, 'daysOverdue must be a whole number'],
    [
      { steps: [step({ trigger: { daysBefore: 3 } })] },
      'steps[0].level must be reminder or due_soon for a step before',
    ],
    [{ steps: [step({ recipients: ['everyone'] })] }, 'steps[0].recipients must be a list'],
    [{ steps: [step({ recipients: [] })] }, 'steps[0].recipients must be a list'],
    [{ steps: [step({ notice: 'yes' })] }, 'steps[0].notice must be true or false'],
    [{ steps: [step(), step()] }, 'step id "overdue" is used twice'],
    [
      { steps: [step(), step({ id: 'soon', level: 'due_soon', trigger: { daysBefore: 3 } })] },
      'steps[1] (soon) has a lower level',
    ],
    [
      { steps: [step(), step({ id: 'again', trigger: { daysOverdue: 0 } })] },
      'steps[1] (again) must be reached later',
    ],
    [
      {
        steps: [
          step({ id: 'a', level: 'reminder', trigger: { timeLeftPercent: 15 } }),
          step({ id: 'b', level: 'reminder', trigger: { timeLeftPercent: 30 } }),
        ],
      },
      'steps[1] (b) must be reached later',
    ],
  ])('refuses %j, naming the problem', (raw, problem) => {
    expect(problemsOf(raw).join('\n')).toContain(problem);
  });

  it('names every problem of a file at once', () => {
    expect(problemsOf({ steps: [step({ id: 'X' }), step({ id: 'y', name: '' })] })).toHaveLength(2);
  });
});
