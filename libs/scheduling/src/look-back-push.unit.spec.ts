import { AssignedMeasure, LookBackDue } from '@tracker/domain';
import { lookBackPush } from './look-back-push';

const reminder: LookBackDue['data'] = {
  measureId: 'm-1',
  reviewId: 'v1-m3',
  signedOffOn: '2026-03-02',
  dueOn: '2026-06-02',
  months: 3,
  deadlineVersion: 1,
  dueAt: '2026-06-01T16:00:00.000Z',
};
const measure = {
  measureId: 'm-1',
  number: '1.2',
  content: '健全审判监督管理台账',
  departmentId: 'd-1',
  responsibleLeaderId: 'u-li',
} as AssignedMeasure;

describe('the push of a 回头看 reminder', () => {
  it('names the measure, its department and leader, the sign-off and the interval, with a link', () => {
    const push = lookBackPush(
      reminder,
      measure,
      { department: '民一庭', leader: '李敏' },
      'http://tracker.court',
    );
    expect(push).toEqual({
      event: 'look_back',
      measureId: 'm-1',
      title: '【回头看】整改措施 1.2',
      lines: [
        '整改措施：1.2 健全审判监督管理台账',
        '责任部门：民一庭，责任领导：李敏',
        '2026-03-02销号，已满3个月，请责任领导开展回头看，确认是否反弹回潮',
      ],
      link: expect.stringContaining('http://tracker.court/'),
      json: reminder,
    });
  });

  it('without the measure or names it falls back to ids', () => {
    expect(lookBackPush(reminder, null, { department: null, leader: null }, null)).toMatchObject({
      title: '【回头看】m-1',
      link: null,
    });
  });
});
