import { AlertData, AssignedMeasure, MeasureState, MeasureUrged } from '@tracker/domain';
import { measureLink, Push } from './webhook-message';

function subjectLabel(alert: AlertData, measure: AssignedMeasure | null): string {
  switch (alert.subject) {
    case 'deadline':
      return '整改期限';
    case 'milestone': {
      const milestone = measure?.milestones.find((m) => m.milestoneId === alert.milestoneId);
      return `节点「${milestone?.title ?? alert.milestoneId}」`;
    }
    case 'report':
      return '进展报告';
  }
}

const assigned = (state: MeasureState): AssignedMeasure | null =>
  state.status === 'unassigned' ? null : state;

/** The measure as a robot's message names it: its number and what it is to do. */
function measureLines(measure: AssignedMeasure | null, departmentName: string | null): string[] {
  if (!measure) return [];
  return [
    `整改措施：${measure.number} ${measure.content}`,
    `责任部门：${departmentName ?? measure.departmentId}，责任人：${measure.responsiblePerson}`,
  ];
}

/** The push for an alert (a step of the ladder) just recorded in the measure's stream. */
export function alertPush(
  alert: AlertData,
  state: MeasureState,
  departmentName: string | null,
  publicBaseUrl: string | null,
): Push {
  const measure = assigned(state);
  const label = alert.stepName;
  return {
    event: 'alert',
    measureId: alert.measureId,
    title: `【${label}】${measure ? `整改措施 ${measure.number}` : alert.measureId}`,
    lines: [
      ...measureLines(measure, departmentName),
      `${label}：${subjectLabel(alert, measure)} ${alert.dueDate}`,
    ],
    link: measureLink(publicBaseUrl, alert.measureId),
    json: { ...alert },
  };
}

/** The push for an urging (催办): the leader's words, to the department's robot. */
export function urgePush(
  urging: MeasureUrged['data'],
  measure: AssignedMeasure | null,
  names: { department: string | null; leader: string | null },
  publicBaseUrl: string | null,
): Push {
  return {
    event: 'urge',
    measureId: urging.measureId,
    title: `【催办】${measure ? `整改措施 ${measure.number}` : urging.measureId}`,
    lines: [
      ...measureLines(measure, names.department),
      `${names.leader ?? '责任领导'}催办（${urging.urgedOn}）：${urging.message}`,
    ],
    link: measureLink(publicBaseUrl, urging.measureId),
    json: { ...urging },
  };
}
