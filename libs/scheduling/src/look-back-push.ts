import { AssignedMeasure, LookBackDue } from '@tracker/domain';
import { measureLink, Push } from './webhook-message';

/** The push for a 回头看 reminder: to the robots, naming the measure, the sign-off and the interval. */
export function lookBackPush(
  reminder: LookBackDue['data'],
  measure: AssignedMeasure | null,
  names: { department: string | null; leader: string | null },
  publicBaseUrl: string | null,
): Push {
  return {
    event: 'look_back',
    measureId: reminder.measureId,
    title: `【回头看】${measure ? `整改措施 ${measure.number}` : reminder.measureId}`,
    lines: [
      ...(measure
        ? [
            `整改措施：${measure.number} ${measure.content}`,
            `责任部门：${names.department ?? measure.departmentId}，责任领导：${names.leader ?? measure.responsibleLeaderId}`,
          ]
        : []),
      `${reminder.signedOffOn}销号，已满${reminder.months}个月，请责任领导开展回头看，确认是否反弹回潮`,
    ],
    link: measureLink(publicBaseUrl, reminder.measureId),
    json: { ...reminder },
  };
}
