import { IssueNotice, noticeDecider, NoticeIssued, streams } from '@tracker/domain';
import { CourtCalendar } from './clock';
import { CommandMeta } from './command-meta';
import { EventSourcedWriter } from './event-sourced-writer';
import { WriteConflictError } from './write-errors';

/**
 * Rounds of the writer's own retries before a notice is refused as a conflict. Every notice of
 * the year goes to one stream. In one process, the notices waiting their turn share one append
 * (the writer's shareAppend): a burst of deadlines passing at one midnight is numbered in a few
 * appends, each notice decided on the state the ones before it left. Processes still race for the
 * stream's revision; each lost race is decided afresh on the new state, with the next number.
 * Numbers stay gap-free and unique because each is decided against the stream.
 */
const MAX_ROUNDS = 40;

/**
 * Issues a 督办单 into the stream of the court's current year (in COURT_TIMEZONE), where it takes
 * the next number. Returns the notice recorded for this step (now or before), or null when the
 * step already has one.
 */
export async function issueNotice(
  writer: EventSourcedWriter,
  calendar: CourtCalendar,
  data: IssueNotice['data'],
  meta: CommandMeta,
): Promise<NoticeIssued['data'] | null> {
  for (let round = 1; ; round++) {
    const year = Number(calendar.today().slice(0, 4));
    try {
      const { result } = await writer.write({
        streamName: streams.noticeYear(year),
        decider: noticeDecider,
        commandName: 'IssueNotice',
        meta,
        fingerprint: { sourceId: data.sourceId },
        shareAppend: true,
        command: (context) => ({ type: 'IssueNotice' as const, data, context }),
        result: (events) => (events[0]?.type === 'NoticeIssued' ? events[0].data : null),
      });
      return result;
    } catch (error) {
      if (!(error instanceof WriteConflictError) || round >= MAX_ROUNDS) throw error;
    }
  }
}
