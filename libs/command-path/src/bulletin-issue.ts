import { BulletinIssued, bulletinDecider, IssueBulletin, streams } from '@tracker/domain';
import { CommandMeta } from './command-meta';
import { EventSourcedWriter } from './event-sourced-writer';

/**
 * Issues a 督办通报 into the stream of its year, where it takes the next number (第N期). The
 * fingerprint of an Idempotency-Key is what the client asked for (`request`), not the figures,
 * which move between a first attempt and its retry. Returns the bulletin recorded for this
 * request (now or before), or null when the request was answered already without a key.
 */
export async function issueBulletin(
  writer: EventSourcedWriter,
  data: IssueBulletin['data'],
  meta: CommandMeta,
  request: unknown = { requestId: data.requestId },
): Promise<BulletinIssued['data'] | null> {
  const year = Number(data.issuedOn.slice(0, 4));
  const { result } = await writer.write({
    streamName: streams.bulletinYear(year),
    decider: bulletinDecider,
    commandName: 'IssueBulletin',
    meta,
    fingerprint: request,
    command: (context) => ({ type: 'IssueBulletin' as const, data, context }),
    result: (events) => events[0]?.data ?? null,
  });
  return result;
}
