import { parseLadder } from '../alerts/ladder';

/**
 * A court's own ladder of four steps: a reminder at 30 % of the time left, a yellow warning at
 * 15 %, the 督办通知书 the day after the due day, and a 告诫书 three days later to the leaders and
 * the inspectors. As a court's SUPERVISION_LADDER_FILE would hold it.
 */
export const FOUR_STEP_LADDER_FILE = {
  steps: [
    {
      id: 'left30',
      name: '剩余30%提醒',
      level: 'reminder',
      trigger: { timeLeftPercent: 30 },
      recipients: ['department_head'],
    },
    {
      id: 'left15',
      name: '黄色预警',
      level: 'due_soon',
      trigger: { timeLeftPercent: 15 },
      recipients: ['department_head', 'responsible_leader'],
    },
    {
      id: 'overdue',
      name: '逾期督办',
      level: 'overdue',
      trigger: { daysOverdue: 0 },
      recipients: ['department_head', 'responsible_leader'],
      notice: true,
      noticeTitle: '督办通知书',
    },
    {
      id: 'warning',
      name: '告诫',
      level: 'escalated',
      trigger: { daysOverdue: 3 },
      recipients: ['responsible_leader', 'secretary', 'inspectors'],
      notice: true,
      noticeTitle: '告诫书',
    },
  ],
};
export const FOUR_STEP_LADDER = parseLadder(FOUR_STEP_LADDER_FILE);
