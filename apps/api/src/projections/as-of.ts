import { EventStore } from '@tracker/event-store';
import { CheckpointedProjection } from './checkpointed-projection';

const PAGE = 20_000;

/**
 * Folds a fresh, unpersisted projection from the whole feed, keeping only events recorded
 * before `until`: the read model exactly as it stood at that instant (`asOf` reports).
 */
export async function replayUntil<P extends CheckpointedProjection>(
  store: EventStore,
  projection: P,
  until: Date,
): Promise<P> {
  const cutoff = until.toISOString();
  let after: bigint | undefined;
  for (;;) {
    const page = await store.readAll({ after, maxCount: PAGE });
    // recordedAt is always toISOString() output, so string order is time order.
    for (const event of page) if (event.metadata.recordedAt < cutoff) projection.apply(event);
    if (page.length < PAGE) return projection;
    after = page[page.length - 1].position;
  }
}
