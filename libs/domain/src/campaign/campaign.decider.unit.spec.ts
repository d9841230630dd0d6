import { Actor } from '../shared/actor';
import { CalendarDate } from '../shared/calendar-date';
import { CommandContext } from '../shared/command-context';
import { fold } from '../shared/decider';
import { References } from '../shared/references';
import { spec } from '../testing/given-when-then';
import { AddMeasure, LaunchCampaign, RecordProblem } from './campaign.commands';
import { campaignDecider } from './campaign.decider';
import {
  CampaignEvent,
  CampaignLaunched,
  CampaignSource,
  MeasureAdded,
  ProblemRecorded,
} from './campaign.events';

const TODAY: CalendarDate = '2025-03-10';
const ISSUED_ON: CalendarDate = '2025-03-01';

const LEADER: Actor = { userId: 'u-zhang', role: 'leader', departmentId: null, secretary: false };
const HEAD: Actor = {
  userId: 'u-wang',
  role: 'department_head',
  departmentId: 'd-criminal',
  secretary: false,
};
const INSPECTOR: Actor = { userId: 'u-inspector', role: 'inspector', departmentId: null, secretary: false };
const ADMIN: Actor = { userId: 'u-admin', role: 'admin', departmentId: null, secretary: false };

const references: References = {
  departmentRetired: (id) => id === 'd-retired',
  departmentExists: (id) => ['d-criminal', 'd-civil', 'd-enforcement', 'd-retired'].includes(id),
  isLeader: (id) => id === LEADER.userId,
};

const ctx = (actor: Actor, today: CalendarDate = TODAY): CommandContext => ({ actor, today });
const given = (events: readonly CampaignEvent[]) => spec(campaignDecider).given(events);

// ---------------------------------------------------------------- events

const launched = (overrides: Partial<CampaignLaunched['data']> = {}): CampaignLaunched => ({
  type: 'CampaignLaunched',
  data: {
    campaignId: 'c-1',
    title: '2025年巡察反馈问题整改',
    source: 'inspection_feedback',
    issuedOn: ISSUED_ON,
    description: null,
    ...overrides,
  },
});
const selfInspection = () => launched({ source: 'self_inspection', title: '执行领域自查自纠' });

const problemRecorded = (
  number: number,
  overrides: Partial<ProblemRecorded['data']> = {},
): ProblemRecorded => ({
  type: 'ProblemRecorded',
  data: {
    campaignId: 'c-1',
    problemId: `p-${number}`,
    number,
    title: `问题${number}`,
    description: null,
    category: null,
    rootCause: null,
    departmentIds: ['d-criminal'],
    ...overrides,
  },
});

const measureAdded = (problemId: string, measureId: string, number: string): MeasureAdded => ({
  type: 'MeasureAdded',
  data: { campaignId: 'c-1', problemId, measureId, number },
});

// ---------------------------------------------------------------- commands

const launch = (
  context: CommandContext,
  overrides: Partial<LaunchCampaign['data']> = {},
): LaunchCampaign => ({
  type: 'LaunchCampaign',
  data: {
    campaignId: 'c-1',
    title: '2025年巡察反馈问题整改',
    source: 'inspection_feedback',
    issuedOn: ISSUED_ON,
    description: null,
    ...overrides,
  },
  context,
});

const recordProblem = (
  context: CommandContext,
  overrides: Partial<RecordProblem['data']> = {},
): RecordProblem => ({
  type: 'RecordProblem',
  data: {
    problemId: 'p-1',
    title: '问题1',
    description: null,
    category: null,
    rootCause: null,
    departmentIds: ['d-criminal'],
    ...overrides,
  },
  context,
  references,
});

const addMeasure = (context: CommandContext, overrides: Partial<AddMeasure['data']> = {}): AddMeasure => ({
  type: 'AddMeasure',
  data: { problemId: 'p-1', measureId: 'm-1', dueDate: '2025-06-30', milestoneDates: [], ...overrides },
  context,
});

// ================================================================ launch

describe('launching a campaign (整改专项)', () => {
  it('a leader launches a campaign', () => {
    given([])
      .when(launch(ctx(LEADER)))
      .then([launched()]);
  });

  it('a self-inspection campaign keeps its source and description', () => {
    given([])
      .when(
        launch(ctx(LEADER), {
          source: 'self_inspection',
          title: '执行领域自查自纠',
          description: '全院自查',
        }),
      )
      .then([launched({ source: 'self_inspection', title: '执行领域自查自纠', description: '全院自查' })]);
  });

  it.each([
    ['a department head', HEAD],
    ['an inspector', INSPECTOR],
    ['an administrator', ADMIN],
  ])('%s may not launch a campaign', (_label, actor) => {
    given([])
      .when(launch(ctx(actor)))
      .thenRefuses('forbidden', 'campaign.launch_forbidden');
  });

  it('launching a campaign that already exists is a conflict', () => {
    given([launched()])
      .when(launch(ctx(LEADER)))
      .thenRefuses('conflict', 'campaign.exists');
  });
});

// ================================================================ problems

describe('recording a problem (问题清单)', () => {
  it('the first problem is number 1', () => {
    given([launched()])
      .when(recordProblem(ctx(LEADER)))
      .then([problemRecorded(1)]);
  });

  it('problems are numbered 1, 2, 3 in the order they are recorded', () => {
    given([launched(), problemRecorded(1), problemRecorded(2)])
      .when(recordProblem(ctx(LEADER), { problemId: 'p-3', title: '问题3' }))
      .then([problemRecorded(3)]);
  });

  it('all the details of the problem are kept', () => {
    const details = {
      problemId: 'p-1',
      title: '执行案件久拖不结',
      description: '部分案件超期未结',
      category: '审判执行',
      rootCause: '监管缺位',
      departmentIds: ['d-criminal', 'd-enforcement'],
    };
    given([launched()])
      .when(recordProblem(ctx(LEADER), details))
      .then([problemRecorded(1, details)]);
  });

  it('a department listed twice is recorded once', () => {
    given([launched()])
      .when(recordProblem(ctx(LEADER), { departmentIds: ['d-criminal', 'd-civil', 'd-criminal'] }))
      .then([problemRecorded(1, { departmentIds: ['d-criminal', 'd-civil'] })]);
  });

  it('a department head records a problem of their own department in a self-inspection campaign', () => {
    given([selfInspection()])
      .when(recordProblem(ctx(HEAD)))
      .then([problemRecorded(1)]);
  });

  it('a department head may list their own department twice in a self-inspection campaign', () => {
    given([selfInspection()])
      .when(recordProblem(ctx(HEAD), { departmentIds: ['d-criminal', 'd-criminal'] }))
      .then([problemRecorded(1)]);
  });

  it.each<[string, string[]]>([
    ['another department', ['d-civil']],
    ['their own and another department', ['d-criminal', 'd-civil']],
    ['no department at all', []],
  ])(
    'a department head may not record a problem for %s, even in self-inspection',
    (_label, departmentIds) => {
      given([selfInspection()])
        .when(recordProblem(ctx(HEAD), { departmentIds }))
        .thenRefuses('forbidden', 'problem.record_forbidden');
    },
  );

  it.each<[CampaignSource]>([['inspection_feedback'], ['special_campaign'], ['audit']])(
    'a department head may not record a problem in a %s campaign, even for their own department',
    (source) => {
      given([launched({ source })])
        .when(recordProblem(ctx(HEAD)))
        .thenRefuses('forbidden', 'problem.record_forbidden');
    },
  );

  it.each([
    ['an inspector', INSPECTOR],
    ['an administrator', ADMIN],
  ])('%s may not record a problem', (_label, actor) => {
    given([selfInspection()])
      .when(recordProblem(ctx(actor)))
      .thenRefuses('forbidden', 'problem.record_forbidden');
  });

  it('a problem for a retired (撤销) department is refused', () => {
    given([launched()])
      .when(recordProblem(ctx(LEADER), { departmentIds: ['d-criminal', 'd-retired'] }))
      .thenRefuses('invalid', 'department.retired', 'departmentIds');
  });

  it('a problem naming an unknown department is refused', () => {
    given([launched()])
      .when(recordProblem(ctx(LEADER), { departmentIds: ['d-criminal', 'd-nowhere'] }))
      .thenRefuses('invalid', 'department.unknown', 'departmentIds');
  });

  it('recording the same problem twice is a conflict', () => {
    given([launched(), problemRecorded(1)])
      .when(recordProblem(ctx(LEADER)))
      .thenRefuses('conflict', 'problem.exists');
  });

  it('a problem for a campaign that was never launched is not found', () => {
    given([])
      .when(recordProblem(ctx(LEADER)))
      .thenRefuses('not_found', 'campaign.not_found');
  });
});

// ================================================================ measures

describe('adding a measure under a problem', () => {
  const TWO_PROBLEMS = [launched(), problemRecorded(1), problemRecorded(2)];

  it('the first measure of problem 1 is 1.1', () => {
    given(TWO_PROBLEMS)
      .when(addMeasure(ctx(LEADER)))
      .then([measureAdded('p-1', 'm-1', '1.1')]);
  });

  it('the next measure of the same problem is 1.2', () => {
    given([...TWO_PROBLEMS, measureAdded('p-1', 'm-1', '1.1')])
      .when(addMeasure(ctx(LEADER), { measureId: 'm-2' }))
      .then([measureAdded('p-1', 'm-2', '1.2')]);
  });

  it('each problem numbers its own measures: the first of problem 2 is 2.1', () => {
    given([...TWO_PROBLEMS, measureAdded('p-1', 'm-1', '1.1'), measureAdded('p-1', 'm-2', '1.2')])
      .when(addMeasure(ctx(LEADER), { problemId: 'p-2', measureId: 'm-3' }))
      .then([measureAdded('p-2', 'm-3', '2.1')]);
  });

  it('a measure and its milestones may fall on the issuing date', () => {
    given(TWO_PROBLEMS)
      .when(addMeasure(ctx(LEADER), { dueDate: ISSUED_ON, milestoneDates: [ISSUED_ON] }))
      .then([measureAdded('p-1', 'm-1', '1.1')]);
  });

  it('a measure without a due date (long_term) is added', () => {
    given(TWO_PROBLEMS)
      .when(addMeasure(ctx(LEADER), { dueDate: null, milestoneDates: ['2025-04-01'] }))
      .then([measureAdded('p-1', 'm-1', '1.1')]);
  });

  it('a due date before the plan was issued is refused', () => {
    given(TWO_PROBLEMS)
      .when(addMeasure(ctx(LEADER), { dueDate: '2025-02-28' }))
      .thenRefuses('invalid', 'measure.due_before_issued', 'dueDate');
  });

  it('a milestone before the plan was issued is refused', () => {
    given(TWO_PROBLEMS)
      .when(addMeasure(ctx(LEADER), { milestoneDates: ['2025-04-01', '2025-02-28'] }))
      .thenRefuses('invalid', 'milestone.due_before_issued', 'milestones');
  });

  it('a measure under an unknown problem is not found', () => {
    given(TWO_PROBLEMS)
      .when(addMeasure(ctx(LEADER), { problemId: 'p-404' }))
      .thenRefuses('not_found', 'problem.not_found');
  });

  it('adding the same measure twice under a problem is a conflict', () => {
    given([...TWO_PROBLEMS, measureAdded('p-1', 'm-1', '1.1')])
      .when(addMeasure(ctx(LEADER)))
      .thenRefuses('conflict', 'measure.exists');
  });

  it.each([
    ['a department head', HEAD],
    ['an inspector', INSPECTOR],
    ['an administrator', ADMIN],
  ])('%s may not add a measure', (_label, actor) => {
    given(TWO_PROBLEMS)
      .when(addMeasure(ctx(actor)))
      .thenRefuses('forbidden', 'measure.add_forbidden');
  });

  it('a measure for a campaign that was never launched is not found', () => {
    given([])
      .when(addMeasure(ctx(LEADER)))
      .thenRefuses('not_found', 'campaign.not_found');
  });
});

// ================================================================ evolve

describe('the campaign state', () => {
  it('holds the problem list with each problem’s departments and measures', () => {
    const state = fold(campaignDecider, [
      launched(),
      problemRecorded(1),
      problemRecorded(2, { departmentIds: ['d-civil'] }),
      measureAdded('p-1', 'm-1', '1.1'),
      measureAdded('p-2', 'm-2', '2.1'),
      measureAdded('p-1', 'm-3', '1.2'),
    ]);
    expect(state).toEqual({
      status: 'active',
      campaignId: 'c-1',
      title: '2025年巡察反馈问题整改',
      source: 'inspection_feedback',
      issuedOn: ISSUED_ON,
      description: null,
      problems: [
        { problemId: 'p-1', number: 1, departmentIds: ['d-criminal'], measureIds: ['m-1', 'm-3'] },
        { problemId: 'p-2', number: 2, departmentIds: ['d-civil'], measureIds: ['m-2'] },
      ],
    });
  });

  it('problems and measures before a launch are ignored', () => {
    expect(fold(campaignDecider, [problemRecorded(1), measureAdded('p-1', 'm-1', '1.1')])).toEqual({
      status: 'none',
    });
  });
});

describe('problems and measures belong to one place', () => {
  it('a problem must name at least one responsible department', () => {
    given([launched()])
      .when(recordProblem(ctx(LEADER), { departmentIds: [] }))
      .thenRefuses('invalid', 'problem.department_required', 'departmentIds');
  });

  it('a measure already numbered under one problem cannot be numbered again under another', () => {
    given([launched(), problemRecorded(1), problemRecorded(2), measureAdded('p-1', 'm-1', '1.1')])
      .when(addMeasure(ctx(LEADER), { problemId: 'p-2', measureId: 'm-1' }))
      .thenRefuses('conflict', 'measure.exists');
  });
});
