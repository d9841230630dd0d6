import { CalendarDate } from '../shared/calendar-date';

/** The measure as the notice prints it: its five fixes (五定) on the day the notice was issued. */
export interface NoticeMeasure {
  measureId: string;
  number: string;
  content: string;
  target: string | null;
  problemTitle: string | null;
  departmentId: string;
  departmentName: string | null;
  responsibleLeaderId: string;
  responsibleLeaderName: string | null;
  responsiblePerson: string;
  dueDate: CalendarDate;
}

/**
 * 督办单 (督办通知书): issued by a step of the supervision ladder, numbered within the court's year
 * (督〔2026〕12号). A year's notices are one stream (streams.noticeYear), so the number is the
 * count already in it plus one: appended at the revision read, no two share a number and none is skipped.
 */
export interface NoticeIssued {
  type: 'NoticeIssued';
  data: {
    /** `<year>-<number, three digits>`, e.g. 2026-012. */
    noticeId: string;
    year: number;
    number: number;
    /** What it answers: `<measureId>-<alertId>`, the step reached; a second issue for it records nothing. */
    sourceId: string;
    alertId: string;
    /** The step's level: `overdue` (逾期督办) or `escalated` (升级督办) in the default ladder. */
    level: string;
    /** The ladder's step and the notice's title (督办通知书, 告诫书…); absent in notices issued before the ladder was configurable. */
    stepName?: string;
    title?: string;
    issuedOn: CalendarDate;
    daysOverdue: number;
    /** 限期回复: the department replies by this date. */
    replyBy: CalendarDate;
    measure: NoticeMeasure;
  };
}

/** 签收: the responsible department's head has received the notice. */
export interface NoticeReceived {
  type: 'NoticeReceived';
  data: { noticeId: string; receivedBy: string; receivedOn: CalendarDate };
}

/** 回复: the department's answer, citing evidence files of the measure where it has them. */
export interface NoticeReplied {
  type: 'NoticeReplied';
  data: {
    noticeId: string;
    content: string;
    attachmentIds: string[];
    repliedBy: string;
    repliedOn: CalendarDate;
  };
}

export type NoticeEvent = NoticeIssued | NoticeReceived | NoticeReplied;
export const NOTICE_EVENT_TYPES: readonly NoticeEvent['type'][] = [
  'NoticeIssued',
  'NoticeReceived',
  'NoticeReplied',
];

/** 督〔2026〕12号 */
export const noticeNumberText = (year: number, number: number): string => `督〔${year}〕${number}号`;

export const noticeIdOf = (year: number, number: number): string =>
  `${year}-${String(number).padStart(3, '0')}`;

/** The year a notice id belongs to: its stream. */
export function yearOfNoticeId(noticeId: string): number | null {
  const m = /^(\d{4})-\d{3,}$/.exec(noticeId);
  return m ? Number(m[1]) : null;
}
