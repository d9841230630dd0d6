import { NoticeIssued, TrackerEvent } from '@tracker/domain';
import { projectionSpec } from '../testing/projection-spec';
import { IssuedNoticesView } from './issued-notices.view';

const spec = projectionSpec(() => [new IssuedNoticesView()]);

function issued(number: number, measureId: string, alertId: string): NoticeIssued {
  return {
    type: 'NoticeIssued',
    data: {
      noticeId: `2026-${String(number).padStart(3, '0')}`,
      year: 2026,
      number,
      sourceId: `${measureId}-${alertId}`,
      alertId,
      level: 'overdue',
      stepName: '逾期督办',
      title: '督办通知书',
      issuedOn: '2026-03-20',
      daysOverdue: 1,
      replyBy: '2026-03-27',
      measure: {
        measureId,
        number: '1.1',
        content: '清理长期未结案件',
        target: null,
        problemTitle: '案件久拖不结',
        departmentId: 'd-civil',
        departmentName: '民一庭',
        responsibleLeaderId: 'u-leader',
        responsibleLeaderName: '李院长',
        responsiblePerson: '王庭长',
        dueDate: '2026-03-19',
      },
    },
  };
}

describe('IssuedNoticesView', () => {
  it('given notices issued for two steps, then each step names its notice and a step without one has none', async () => {
    const [view] = await spec.given([
      issued(1, 'm-1', 'v1-deadline-overdue'),
      {
        type: 'NoticeReceived',
        data: { noticeId: '2026-001', receivedBy: 'u-head', receivedOn: '2026-03-21' },
      },
      issued(2, 'm-2', 'v1-deadline-escalated'),
    ] as TrackerEvent[]);
    expect(view.noticeFor('m-1-v1-deadline-overdue')).toBe('2026-001');
    expect(view.noticeFor('m-2-v1-deadline-escalated')).toBe('2026-002');
    expect(view.noticeFor('m-1-v1-deadline-escalated')).toBeUndefined();
  });

  it('given no notice events, then no step has a notice', async () => {
    const [view] = await spec.given([]);
    expect(view.sources.size).toBe(0);
  });
});
