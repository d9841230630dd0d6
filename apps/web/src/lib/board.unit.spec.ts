import {
  filterMeasures,
  groupMeasures,
  joinBoardPages,
  lightsByDepartment,
  NO_STEP,
  signOffsPerWeek,
  stepOptions,
  totalsOf,
  urgentMeasures,
} from './board';
import { Board, BoardMeasure } from './types';

let seq = 0;
function measure(overrides: Partial<BoardMeasure> = {}): BoardMeasure {
  seq += 1;
  return {
    id: `m${seq}`,
    campaignId: 'c1',
    problemId: 'p1',
    problemNumber: 1,
    problemTitle: '立案登记不及时',
    number: `1.${seq}`,
    content: `措施${seq}`,
    kind: 'deadline',
    responsibleLeaderId: 'u-li',
    responsibleLeaderName: '李敏',
    departmentId: 'd-min1',
    departmentName: '民一庭',
    responsiblePerson: '王芳',
    originalDueDate: '2026-03-10',
    dueDate: '2026-03-10',
    status: 'in_progress',
    light: 'blue',
    overdue: false,
    dueSoon: false,
    behindMilestone: false,
    returned: false,
    reopened: false,
    percent: 0,
    extensionsGranted: 0,
    signedOffOn: null,
    onTime: null,
    ...overrides,
  };
}

describe('board lines in the browser', () => {
  const done = measure({
    status: 'signed_off',
    light: 'green',
    signedOffOn: '2026-03-03',
    onTime: true,
    departmentId: 'd-zx',
    departmentName: '执行局',
  });
  const late = measure({
    status: 'signed_off',
    light: 'green',
    signedOffOn: '2026-02-20',
    onTime: false,
    problemId: 'p2',
    problemNumber: 2,
    problemTitle: '执行款发放慢',
  });
  const overdue = measure({
    light: 'red',
    overdue: true,
    dueDate: '2026-02-25',
    responsibleLeaderId: 'u-wang',
    responsibleLeaderName: '王建国',
    extensionsGranted: 1,
  });
  const soon = measure({ light: 'yellow', dueSoon: true, dueDate: '2026-03-04', content: '完善执行款台账' });
  const cancelled = measure({ status: 'cancelled' });
  const all = [done, late, overdue, soon, cancelled];

  it('totals as the API does: cancelled measures do not count, on time is over signed off', () => {
    expect(totalsOf(all)).toEqual({
      measures: 4,
      signedOff: 2,
      inProgress: 2,
      dueSoon: 1,
      overdue: 1,
      extensionsGranted: 1,
      completionRate: 0.5,
      onTimeRate: 0.5,
    });
    expect(totalsOf([]).completionRate).toBeNull();
  });

  it('filters by department, leader, light and a search in any column', () => {
    expect(filterMeasures(all, { departmentId: 'd-zx' })).toEqual([done]);
    expect(filterMeasures(all, { leaderId: 'u-wang' })).toEqual([overdue]);
    expect(filterMeasures(all, { light: 'yellow' })).toEqual([soon]);
    expect(filterMeasures(all, { search: ' 台账 ' })).toEqual([soon]);
    expect(filterMeasures(all, { search: '执行局' })).toEqual([done]);
    expect(filterMeasures(all, {})).toHaveLength(5);
    const due = { ...done, id: 'm-look-back', lookBackDue: true, lookBackDueOn: '2026-06-02' };
    expect(filterMeasures([...all, due], { lookBackDue: true })).toEqual([due]);
    expect(filterMeasures([...all, due], { lookBackDue: false })).toHaveLength(6);
  });

  it('filters by the step of the supervision ladder, and offers the steps on the board lowest first', () => {
    const escalated = {
      ...overdue,
      id: 'm-esc',
      step: { id: 'escalated', name: '升级督办', level: 'escalated' as const },
    };
    const late = { ...overdue, step: { id: 'overdue', name: '逾期督办', level: 'overdue' as const } };
    const near = { ...soon, step: { id: 'due_soon', name: '临期提醒', level: 'due_soon' as const } };
    const lines = [done, escalated, late, near, cancelled, measure({ id: 'm-fresh' })];
    expect(filterMeasures(lines, { stepId: 'overdue' })).toEqual([late]);
    expect(filterMeasures(lines, { stepId: NO_STEP }).map((m) => m.id)).toEqual(['m-fresh']);
    expect(stepOptions(lines)).toEqual([
      { value: 'due_soon', label: '临期提醒' },
      { value: 'overdue', label: '逾期督办' },
      { value: 'escalated', label: '升级督办' },
      { value: NO_STEP, label: '未到督办环节' },
    ]);
    // Signed off or cancelled, a measure without a step is not waiting for one.
    expect(stepOptions([done, cancelled, late])).toEqual([{ value: 'overdue', label: '逾期督办' }]);
  });

  it('groups by problem, department or leader in order of first appearance', () => {
    expect(groupMeasures(all, 'problem').map((g) => [g.label, g.measures.length])).toEqual([
      ['问题1：立案登记不及时', 4],
      ['问题2：执行款发放慢', 1],
    ]);
    expect(groupMeasures(all, 'department').map((g) => g.label)).toEqual(['执行局', '民一庭']);
    expect(groupMeasures(all, 'leader').map((g) => g.label)).toEqual(['李敏', '王建国']);
  });

  it('counts lights per department, busiest first', () => {
    expect(lightsByDepartment([done, late, overdue, soon])).toEqual([
      { department: '民一庭', counts: { green: 1, blue: 0, yellow: 1, red: 1 } },
      { department: '执行局', counts: { green: 1, blue: 0, yellow: 0, red: 0 } },
    ]);
  });

  it('counts sign-offs per Monday-to-Sunday week up to the board day', () => {
    const weeks = signOffsPerWeek(
      [done, late, measure({ signedOffOn: '2026-03-09', light: 'green', status: 'signed_off' })],
      '2026-03-04',
      3,
    );
    expect(weeks).toEqual([
      { weekStart: '2026-02-16', label: '2/16', count: 1 },
      { weekStart: '2026-02-23', label: '2/23', count: 0 },
      { weekStart: '2026-03-02', label: '3/2', count: 1 },
    ]);
  });

  it('lists overdue measures first, then those due soonest', () => {
    const older = measure({ light: 'red', overdue: true, dueDate: '2026-02-01' });
    expect(urgentMeasures(all.concat(older), '2026-03-02').map((m) => m.id)).toEqual([
      older.id,
      overdue.id,
      soon.id,
    ]);
  });
});

describe('the court-wide board read in pages', () => {
  const totals = totalsOf([]);
  const page = (number: number, groups: [string, BoardMeasure[]][]): Board => ({
    asOf: null,
    today: '2026-03-02',
    dueSoonDays: 3,
    groupBy: 'department',
    campaigns: [],
    totals,
    page: { number, size: 2, measures: 3, pages: 2 },
    groups: groups.map(([key, measures]) => ({ key, label: key, totals, measures })),
  });

  it('joins the pages into the whole board, a group split over two pages shown once with all its rows', () => {
    const [a, b, c] = [measure(), measure(), measure()];
    const whole = joinBoardPages([
      page(1, [
        ['民一庭', [a]],
        ['执行局', [b]],
      ]),
      page(2, [['执行局', [c]]]),
    ]);
    expect(whole.groups.map((g) => [g.key, g.measures.map((m) => m.id)])).toEqual([
      ['民一庭', [a.id]],
      ['执行局', [b.id, c.id]],
    ]);
  });
});
