import { Actor } from '../shared/actor';
import { assertNever, Decider } from '../shared/decider';
import { conflict, forbidden, invalid, notFound } from '../shared/domain-error';
import { AddMeasure, CampaignCommand, LaunchCampaign, RecordProblem } from './campaign.commands';
import { CAMPAIGN_EVENT_TYPES, CampaignEvent, CampaignState } from './campaign.events';

const isLeader = (actor: Actor) => actor.role === 'leader';

function launch(command: LaunchCampaign, state: CampaignState): CampaignEvent[] {
  if (!isLeader(command.context.actor)) {
    throw forbidden(
      'campaign.launch_forbidden',
      '只有党组成员可以创建整改专项',
      'Only Party-group leaders may launch a campaign',
    );
  }
  if (state.status !== 'none') {
    throw conflict('campaign.exists', '该整改专项已存在', 'The campaign already exists');
  }
  return [{ type: 'CampaignLaunched', data: { ...command.data } }];
}

function recordProblem(command: RecordProblem, state: CampaignState): CampaignEvent[] {
  if (state.status !== 'active') throw campaignNotFound();
  const { actor } = command.context;
  const { departmentIds } = command.data;
  // 自查自纠: a department head records the problems their own department found.
  const ownSelfInspection =
    actor.role === 'department_head' &&
    state.source === 'self_inspection' &&
    departmentIds.length > 0 &&
    departmentIds.every((id) => id === actor.departmentId);
  if (!isLeader(actor) && !ownSelfInspection) {
    throw forbidden(
      'problem.record_forbidden',
      '只有党组成员可以录入问题；部门负责人只能在自查自纠专项中录入本部门的问题',
      'Only leaders may record problems; a department head only for their own department in a self-inspection campaign',
    );
  }
  if (departmentIds.length === 0) {
    throw invalid(
      'departmentIds',
      'problem.department_required',
      '问题须明确至少一个责任部门',
      'departmentIds must name at least one department',
    );
  }
  const unknown = departmentIds.find((id) => !command.references.departmentExists(id));
  if (unknown !== undefined) {
    throw invalid(
      'departmentIds',
      'department.unknown',
      `部门不存在：${unknown}`,
      `Unknown department: ${unknown}`,
    );
  }
  const retired = departmentIds.find((id) => command.references.departmentRetired(id));
  if (retired !== undefined) {
    throw invalid(
      'departmentIds',
      'department.retired',
      '该部门已撤销，不能再承担新的整改任务',
      `The department is retired and takes no new work: ${retired}`,
    );
  }
  if (state.problems.some((p) => p.problemId === command.data.problemId)) {
    throw conflict('problem.exists', '该问题已存在', 'The problem already exists');
  }
  return [
    {
      type: 'ProblemRecorded',
      data: {
        campaignId: state.campaignId,
        number: state.problems.length + 1,
        ...command.data,
        departmentIds: [...new Set(departmentIds)],
      },
    },
  ];
}

function addMeasure(command: AddMeasure, state: CampaignState): CampaignEvent[] {
  if (state.status !== 'active') throw campaignNotFound();
  if (!isLeader(command.context.actor)) {
    throw forbidden(
      'measure.add_forbidden',
      '只有党组成员可以制定整改措施',
      'Only Party-group leaders may add measures',
    );
  }
  const problem = state.problems.find((p) => p.problemId === command.data.problemId);
  if (!problem) throw notFound('problem.not_found', '问题不存在', 'Problem not found');
  if (state.problems.some((p) => p.measureIds.includes(command.data.measureId))) {
    throw conflict('measure.exists', '该整改措施已存在', 'The measure already exists');
  }
  const { dueDate, milestoneDates } = command.data;
  if (dueDate !== null && dueDate < state.issuedOn) {
    throw invalid(
      'dueDate',
      'measure.due_before_issued',
      `完成时限不能早于整改方案印发日期（${state.issuedOn}）`,
      `dueDate must not be before the campaign's issuing date (${state.issuedOn})`,
    );
  }
  if (milestoneDates.some((d) => d < state.issuedOn)) {
    throw invalid(
      'milestones',
      'milestone.due_before_issued',
      `节点时间不能早于整改方案印发日期（${state.issuedOn}）`,
      `A milestone must not be due before the campaign's issuing date (${state.issuedOn})`,
    );
  }
  return [
    {
      type: 'MeasureAdded',
      data: {
        campaignId: state.campaignId,
        problemId: problem.problemId,
        measureId: command.data.measureId,
        number: `${problem.number}.${problem.measureIds.length + 1}`,
      },
    },
  ];
}

export const campaignNotFound = () => notFound('campaign.not_found', '整改专项不存在', 'Campaign not found');

function evolve(state: CampaignState, event: CampaignEvent): CampaignState {
  switch (event.type) {
    case 'CampaignLaunched':
      return { status: 'active', ...event.data, problems: [] };
    case 'ProblemRecorded':
      if (state.status !== 'active') return state;
      return {
        ...state,
        problems: [
          ...state.problems,
          {
            problemId: event.data.problemId,
            number: event.data.number,
            departmentIds: event.data.departmentIds,
            measureIds: [],
          },
        ],
      };
    case 'MeasureAdded':
      if (state.status !== 'active') return state;
      return {
        ...state,
        problems: state.problems.map((p) =>
          p.problemId === event.data.problemId
            ? { ...p, measureIds: [...p.measureIds, event.data.measureId] }
            : p,
        ),
      };
    default:
      return assertNever(event);
  }
}

export const campaignDecider: Decider<CampaignCommand, CampaignEvent, CampaignState> = {
  eventTypes: CAMPAIGN_EVENT_TYPES,
  initialState: () => ({ status: 'none' }),
  evolve,
  decide(command, state) {
    switch (command.type) {
      case 'LaunchCampaign':
        return launch(command, state);
      case 'RecordProblem':
        return recordProblem(command, state);
      case 'AddMeasure':
        return addMeasure(command, state);
      default:
        return assertNever(command);
    }
  },
};
