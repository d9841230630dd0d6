import { Map as PersistentMap } from 'immutable';
import { addDays } from '../shared/calendar-date';
import { CommandContext } from '../shared/command-context';
import { assertNever, Decider } from '../shared/decider';
import { conflict, forbidden, invalid, notFound, refused } from '../shared/domain-error';
import { NOTICE_EVENT_TYPES, NoticeEvent, NoticeIssued, noticeIdOf } from './notice.events';

/** Days the department has to reply to a notice (限期回复). */
export const NOTICE_REPLY_DAYS = 5;
const REPLY_MAX = 2000;

export interface IssueNotice {
  type: 'IssueNotice';
  data: Omit<NoticeIssued['data'], 'noticeId' | 'year' | 'number' | 'issuedOn' | 'replyBy'>;
  context: CommandContext;
}
export interface ReceiveNotice {
  type: 'ReceiveNotice';
  data: { noticeId: string };
  context: CommandContext;
}
export interface ReplyToNotice {
  type: 'ReplyToNotice';
  data: { noticeId: string; content: string; attachmentIds: string[] };
  context: CommandContext;
  /** The measure's evidence files that may be cited (not withdrawn), read by the caller. */
  citable: readonly string[];
}
export type NoticeCommand = IssueNotice | ReceiveNotice | ReplyToNotice;

export interface NoticeFacts {
  departmentId: string;
  received: boolean;
  replied: boolean;
}

/**
 * One year's notice stream: how many were issued, for which steps, and where each stands. A year
 * may hold thousands of notices, folded one event at a time: persistent maps, so an event does not
 * copy every notice before it.
 */
export interface NoticeYearState {
  year: number | null;
  issued: number;
  /** The step each notice answers (its sourceId) → the notice's id. */
  sources: PersistentMap<string, string>;
  notices: PersistentMap<string, NoticeFacts>;
}

function issue(command: IssueNotice, state: NoticeYearState): NoticeEvent[] {
  if (command.context.actor.role !== 'system') {
    throw forbidden(
      'notice.issue_forbidden',
      '督办单由督办阶梯自动签发',
      'Notices are issued by the supervision ladder',
    );
  }
  if (state.sources.has(command.data.sourceId)) return [];
  const { today } = command.context;
  const year = Number(today.slice(0, 4));
  if (state.year !== null && state.year !== year) {
    // The stream was chosen for another year than the court's today (issued across midnight of 31 December).
    throw conflict('notice.year_changed', '年度已变更，请重试', 'The year changed; retry');
  }
  const number = state.issued + 1;
  return [
    {
      type: 'NoticeIssued',
      data: {
        ...command.data,
        noticeId: noticeIdOf(year, number),
        year,
        number,
        issuedOn: today,
        replyBy: addDays(today, NOTICE_REPLY_DAYS),
      },
    },
  ];
}

/** 签收 and 回复 are the responsible department head's. */
function guardDepartment(state: NoticeYearState, context: CommandContext, noticeId: string): NoticeFacts {
  const notice = state.notices.get(noticeId);
  if (!notice) throw notFound('notice.not_found', '督办单不存在', 'Notice not found');
  const { actor } = context;
  if (actor.role !== 'department_head' || actor.departmentId !== notice.departmentId) {
    throw forbidden(
      'notice.department_only',
      '只有责任部门负责人可以签收和回复督办单',
      "Only the head of the measure's responsible department may receive and answer the notice",
    );
  }
  return notice;
}

function receive(command: ReceiveNotice, state: NoticeYearState): NoticeEvent[] {
  const notice = guardDepartment(state, command.context, command.data.noticeId);
  if (notice.received) return [];
  return [
    {
      type: 'NoticeReceived',
      data: {
        noticeId: command.data.noticeId,
        receivedBy: command.context.actor.userId,
        receivedOn: command.context.today,
      },
    },
  ];
}

function reply(command: ReplyToNotice, state: NoticeYearState): NoticeEvent[] {
  const notice = guardDepartment(state, command.context, command.data.noticeId);
  if (!notice.received) {
    throw refused('notice.not_received', '请先签收督办单再回复', 'Receive the notice before answering it');
  }
  if (notice.replied) throw refused('notice.replied', '该督办单已回复', 'The notice has been answered');
  const content = command.data.content.trim();
  if (content === '')
    throw invalid('content', 'notice.reply_blank', '回复内容不能为空', 'content must not be blank');
  if (content.length > REPLY_MAX) {
    throw invalid(
      'content',
      'notice.reply_too_long',
      `回复内容不能超过 ${REPLY_MAX} 字`,
      `content must be at most ${REPLY_MAX} characters`,
    );
  }
  const unknown = command.data.attachmentIds.find((id) => !command.citable.includes(id));
  if (unknown !== undefined) {
    throw invalid(
      'attachmentIds',
      'notice.attachment_unknown',
      `佐证材料 ${unknown} 不是该措施的有效佐证材料`,
      `Attachment ${unknown} is not a current evidence file of the measure`,
    );
  }
  return [
    {
      type: 'NoticeReplied',
      data: {
        noticeId: command.data.noticeId,
        content,
        attachmentIds: [...new Set(command.data.attachmentIds)],
        repliedBy: command.context.actor.userId,
        repliedOn: command.context.today,
      },
    },
  ];
}

export const noticeDecider: Decider<NoticeCommand, NoticeEvent, NoticeYearState> = {
  eventTypes: NOTICE_EVENT_TYPES,
  initialState: () => ({
    year: null,
    issued: 0,
    sources: PersistentMap<string, string>(),
    notices: PersistentMap<string, NoticeFacts>(),
  }),
  evolve(state, event) {
    switch (event.type) {
      case 'NoticeIssued':
        return {
          year: event.data.year,
          issued: Math.max(state.issued + 1, event.data.number),
          sources: state.sources.set(event.data.sourceId, event.data.noticeId),
          notices: state.notices.set(event.data.noticeId, {
            departmentId: event.data.measure.departmentId,
            received: false,
            replied: false,
          }),
        };
      case 'NoticeReceived':
      case 'NoticeReplied': {
        const notice = state.notices.get(event.data.noticeId);
        if (!notice) return state;
        const next =
          event.type === 'NoticeReceived' ? { ...notice, received: true } : { ...notice, replied: true };
        return { ...state, notices: state.notices.set(event.data.noticeId, next) };
      }
      default:
        return assertNever(event);
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'IssueNotice':
        return issue(command, state);
      case 'ReceiveNotice':
        return receive(command, state);
      case 'ReplyToNotice':
        return reply(command, state);
      default:
        return assertNever(command);
    }
  },
};
