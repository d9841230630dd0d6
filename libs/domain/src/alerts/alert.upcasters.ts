import { AlertData } from './alert.events';
import { MISSED_REPORT } from './alert.plan';
import { defaultLadder } from './ladder';

/** Names, recipients and notices of the default ladder's steps; they do not depend on its days. */
const DEFAULT_STEPS = defaultLadder(0, 0).steps;

/**
 * Alerts recorded before the supervision ladder (schema version 1) were the steps of today's
 * default ladder, and a missed 长期坚持 report its one 逾期 alert: they read as those steps, with
 * the recipients and notices they have always had.
 */
export function alertDataFromV1(data: unknown): AlertData {
  const v1 = data as Omit<AlertData, 'stepId' | 'stepName' | 'recipients' | 'notice' | 'noticeTitle'>;
  const step =
    v1.subject === 'report' && v1.level === 'overdue'
      ? MISSED_REPORT
      : DEFAULT_STEPS.find((candidate) => candidate.level === v1.level);
  if (step === undefined) throw new Error(`A version 1 alert cannot be at level ${v1.level}`);
  return {
    ...v1,
    stepId: step.id,
    stepName: step.name,
    recipients: [...step.recipients],
    notice: v1.subject === 'deadline' && step.notice,
    noticeTitle: step.noticeTitle,
  };
}
