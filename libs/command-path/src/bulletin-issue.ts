import { BulletinIssued, bulletinDecider, IssueBulletin, streams } from '@tracker/domain';
import { CommandMeta } from './command-meta';
import { EventSourcedWriter } from './event-sourced-writer';
import { WriteConflictError } from './write-errors';

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
  // Every bulletin of the year goes to one stream, so issuers racing each other (the weekly run,
  // the secretary, an inspector) lose appends to each other; each lost race is decided afresh on
  // the new state (the next number), a few more times than a single record's write would.
  for (let round = 1; ; round++) {
    try {
      return await issueOnce(writer, year, data, meta, request);
    } catch (error) {
      if (!(error instanceof WriteConflictError) || round >= MAX_ROUNDS) throw error;
    }
  }
}

/** Rounds of the writer's own retries before a bulletin write is refused as a conflict (409). */
const MAX_ROUNDS = 5;

async function issueOnce(
  writer: EventSourcedWriter,
  year: number,
  data: IssueBulletin['data'],
  meta: CommandMeta,
  request: unknown,
): Promise<BulletinIssued['data'] | null> {
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
