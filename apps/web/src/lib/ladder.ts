import { daysBetween } from './dates';
import {
  CalendarDate,
  LadderRecipient,
  LadderStep,
  MeasureLadderStep,
  StepReached,
  StepTrigger,
} from './types';

/** Who a step goes to, as the court writes it. */
const RECIPIENT: Record<LadderRecipient, string> = {
  department_head: '责任部门负责人',
  responsible_leader: '责任领导',
  secretary: '党组书记',
  inspectors: '纪检监察',
};

export function recipientLabel(recipient: string): string {
  return RECIPIENT[recipient as LadderRecipient] ?? recipient;
}

/** 责任部门负责人、责任领导、党组书记: in the order the court configured them. */
export function recipientsText(recipients: readonly string[]): string {
  return recipients.map(recipientLabel).join('、');
}

/**
 * When a step is reached, in words: 到期前3天, 期限剩余30%时, 逾期当日 (the first day overdue),
 * 逾期7天 (seven days after that).
 */
export function triggerText(trigger: StepTrigger): string {
  if ('daysBefore' in trigger) return trigger.daysBefore === 0 ? '到期当日' : `到期前${trigger.daysBefore}天`;
  if ('timeLeftPercent' in trigger) return `期限剩余${trigger.timeLeftPercent}%时`;
  return trigger.daysOverdue === 0 ? '逾期当日' : `逾期${trigger.daysOverdue}天`;
}

/** The notice a step issues, or null: 制发告诫书. */
export function noticeText(step: { notice: boolean; noticeTitle: string | null }): string | null {
  return step.notice && step.noticeTitle ? `制发${step.noticeTitle}` : null;
}

/** One step of the court's ladder in a line: 逾期3天 · 告诫 · 送达责任领导、纪检监察 · 制发告诫书. */
export function stepSentence(step: LadderStep): string {
  const notice = noticeText(step);
  return [
    triggerText(step.trigger),
    step.name,
    `送达${recipientsText(step.recipients)}`,
    ...(notice ? [notice] : []),
  ].join(' · ');
}

/**
 * Where one step of a measure's ladder stands: 已触发 (recorded), 今日 / 已到 (its day has come
 * but the scheduler has not recorded it yet), 未到, or 不再触发 (the measure was signed off first).
 */
export type LadderState = 'recorded' | 'today' | 'reached' | 'future' | 'moot';

export const LADDER_STATE_LABEL: Record<LadderState, string> = {
  recorded: '已触发',
  today: '今日',
  reached: '已到',
  future: '未到',
  moot: '不再触发',
};

export interface LadderItem extends MeasureLadderStep {
  state: LadderState;
  stateLabel: string;
  /** The step the measure stands on today (督办环节): the one to highlight. */
  current: boolean;
  /** 还有5天, 今日, 3天前: the step's day against today. */
  when: string;
}

function whenText(reachedOn: CalendarDate, today: CalendarDate): string {
  const days = daysBetween(today, reachedOn);
  if (days === 0) return '今日';
  return days > 0 ? `还有${days}天` : `${-days}天前`;
}

/**
 * The ladder of a measure as the page lists it, in ladder order. The current step is the API's
 * `step` (the latest reached today); a signed-off measure climbs no further.
 */
export function ladderItems(
  ladder: readonly MeasureLadderStep[],
  step: StepReached | null | undefined,
  today: CalendarDate,
  options: { signedOff?: boolean } = {},
): LadderItem[] {
  return ladder.map((s) => {
    const state: LadderState = s.recorded
      ? 'recorded'
      : options.signedOff
        ? 'moot'
        : s.reachedOn > today
          ? 'future'
          : s.reachedOn === today
            ? 'today'
            : 'reached';
    return {
      ...s,
      state,
      stateLabel: LADDER_STATE_LABEL[state],
      current: !options.signedOff && step?.id === s.id,
      when: whenText(s.reachedOn, today),
    };
  });
}

/** The index of the current step, or of the last step reached, or -1 before the first. */
export function currentIndex(items: readonly LadderItem[]): number {
  const current = items.findIndex((i) => i.current);
  if (current >= 0) return current;
  let last = -1;
  items.forEach((i, n) => {
    if (i.state !== 'future' && i.state !== 'moot') last = n;
  });
  return last;
}
