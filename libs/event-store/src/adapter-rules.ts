import { ConcurrencyError } from './errors';
import { ExpectedRevision, NewEvent } from './event';

/** Rules every adapter applies the same way, whatever its storage. */

/** Throws ConcurrencyError unless the stream's last revision (undefined: no stream) meets the expectation. */
export function checkExpectedRevision(
  streamName: string,
  expected: ExpectedRevision,
  current: bigint | undefined,
): void {
  const matches =
    expected === 'any' ||
    (expected === 'no_stream' && current === undefined) ||
    (expected === 'stream_exists' && current !== undefined) ||
    (typeof expected === 'bigint' && current === expected);
  if (!matches) {
    throw new ConcurrencyError(
      streamName,
      String(expected),
      current === undefined ? 'no_stream' : String(current),
    );
  }
}

export function assertDistinctIds(streamName: string, events: readonly NewEvent[]): void {
  const seen = new Set<string>();
  for (const { eventId } of events) {
    if (seen.has(eventId))
      throw new Error(`Event id ${eventId} appears twice in one append to ${streamName}`);
    seen.add(eventId);
  }
}

/** A read's maxCount: absent, or a non-negative safe integer. */
export function checkMaxCount(maxCount: number | undefined): number | undefined {
  if (maxCount === undefined) return undefined;
  if (!Number.isSafeInteger(maxCount) || maxCount < 0) {
    throw new RangeError(`maxCount must be a non-negative integer, got ${maxCount}`);
  }
  return maxCount;
}

/** Hands a subscription's fatal error to its onError, or logs it: a projection that silently stops must leave a trace. */
export function reportSubscriptionError(
  onError: ((error: unknown) => void) | undefined,
  error: unknown,
): void {
  if (!onError) {
    console.error('Event store subscription stopped by an error', error);
    return;
  }
  try {
    onError(error);
  } catch (secondary) {
    console.error('Event store subscription onError handler threw', secondary, 'while reporting', error);
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
