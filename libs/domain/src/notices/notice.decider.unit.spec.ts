import { Actor, SYSTEM_ACTOR } from '../shared/actor';
import { spec } from '../testing/given-when-then';
import { IssueNotice, noticeDecider, ReplyToNotice } from './notice.decider';
import { NoticeIssued, NoticeReceived, noticeNumberText } from './notice.events';

const TODAY = '2026-03-10';
const HEAD: Actor = { userId: 'u-head', role: 'department_head', departmentId: 'd-civil', secretary: false };
const OTHER_HEAD: Actor = {
  userId: 'u-other',
  role: 'department_head',
  departmentId: 'd-enf',
  secretary: false,
};
const LEADER: Actor = { userId: 'u-leader', role: 'leader', departmentId: null, secretary: true };
const INSPECTOR: Actor = { userId: 'u-insp', role: 'inspector', departmentId: null, secretary: false };

const measure = {
  measureId: 'm-1',
  number: '1.1',
  content: '清理长期未结案件',
  target: null,
  problemTitle: '长期未结案件较多',
  departmentId: 'd-civil',
  departmentName: '民一庭',
  responsibleLeaderId: 'u-leader',
  responsibleLeaderName: '张副院长',
  responsiblePerson: '王庭长',
  dueDate: '2026-03-01',
};
const issueData: IssueNotice['data'] = {
  sourceId: 'm-1-v1-deadline-overdue',
  alertId: 'v1-deadline-overdue',
  level: 'overdue',
  daysOverdue: 9,
  measure,
};
const issued = (number = 1): NoticeIssued => ({
  type: 'NoticeIssued',
  data: {
    ...issueData,
    sourceId: `source-${number}`,
    noticeId: `2026-${String(number).padStart(3, '0')}`,
    year: 2026,
    number,
    issuedOn: TODAY,
    replyBy: '2026-03-15',
  },
});
const received: NoticeReceived = {
  type: 'NoticeReceived',
  data: { noticeId: '2026-001', receivedBy: HEAD.userId, receivedOn: TODAY },
};
const ctx = (actor: Actor) => ({ actor, today: TODAY });
const reply = (
  actor: Actor,
  over: Partial<ReplyToNotice['data']> = {},
  citable = ['a-1'],
): ReplyToNotice => ({
  type: 'ReplyToNotice',
  data: { noticeId: '2026-001', content: '已制定清理计划，本月底前完成', attachmentIds: ['a-1'], ...over },
  context: ctx(actor),
  citable,
});
const given = spec(noticeDecider).given;

describe('督办单: issue, receive (签收), reply (回复)', () => {
  it('the ladder issues the next number of the year, with a reply date five days on', () => {
    given([issued(1), issued(2)])
      .when({ type: 'IssueNotice', data: issueData, context: ctx(SYSTEM_ACTOR) })
      .then([
        {
          type: 'NoticeIssued',
          data: {
            ...issueData,
            noticeId: '2026-003',
            year: 2026,
            number: 3,
            issuedOn: TODAY,
            replyBy: '2026-03-15',
          },
        },
      ]);
    expect(noticeNumberText(2026, 12)).toBe('督〔2026〕12号');
  });

  it('a step that has its notice gets no second one', () => {
    given([{ ...issued(1), data: { ...issued(1).data, sourceId: issueData.sourceId } }])
      .when({ type: 'IssueNotice', data: issueData, context: ctx(SYSTEM_ACTOR) })
      .then([]);
  });

  it('nobody but the ladder issues a notice', () => {
    given([])
      .when({ type: 'IssueNotice', data: issueData, context: ctx(LEADER) })
      .thenRefuses('forbidden', 'notice.issue_forbidden');
  });

  it('the responsible department head receives it once', () => {
    given([issued()])
      .when({ type: 'ReceiveNotice', data: { noticeId: '2026-001' }, context: ctx(HEAD) })
      .then([received]);
    given([issued(), received])
      .when({ type: 'ReceiveNotice', data: { noticeId: '2026-001' }, context: ctx(HEAD) })
      .then([]);
  });

  it('another department, a leader or an inspector may neither receive nor reply', () => {
    for (const actor of [OTHER_HEAD, LEADER, INSPECTOR]) {
      given([issued()])
        .when({ type: 'ReceiveNotice', data: { noticeId: '2026-001' }, context: ctx(actor) })
        .thenRefuses('forbidden', 'notice.department_only');
      given([issued(), received]).when(reply(actor)).thenRefuses('forbidden', 'notice.department_only');
    }
  });

  it('an unknown notice is not found', () => {
    given([])
      .when({ type: 'ReceiveNotice', data: { noticeId: '2026-009' }, context: ctx(HEAD) })
      .thenRefuses('not_found', 'notice.not_found');
  });

  it('a reply comes after receipt, once, citing evidence files of the measure', () => {
    given([issued()]).when(reply(HEAD)).thenRefuses('rule', 'notice.not_received');
    given([issued(), received])
      .when(reply(HEAD))
      .then([
        {
          type: 'NoticeReplied',
          data: {
            noticeId: '2026-001',
            content: '已制定清理计划，本月底前完成',
            attachmentIds: ['a-1'],
            repliedBy: HEAD.userId,
            repliedOn: TODAY,
          },
        },
      ]);
    given([
      issued(),
      received,
      {
        type: 'NoticeReplied',
        data: {
          noticeId: '2026-001',
          content: 'x',
          attachmentIds: [],
          repliedBy: HEAD.userId,
          repliedOn: TODAY,
        },
      },
    ])
      .when(reply(HEAD))
      .thenRefuses('rule', 'notice.replied');
  });

  it('a blank reply or a file that is not the measure’s evidence is refused naming the field', () => {
    given([issued(), received])
      .when(reply(HEAD, { content: '  ' }))
      .thenRefuses('invalid', 'notice.reply_blank', 'content');
    given([issued(), received])
      .when(reply(HEAD, {}, []))
      .thenRefuses('invalid', 'notice.attachment_unknown', 'attachmentIds');
  });
});
