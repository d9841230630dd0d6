import { decodeEvent, streams } from '@tracker/domain';
import { EventStore, RecordedEvent } from '@tracker/event-store';
import { CheckpointedProjection } from './checkpointed-projection';

const PAGE = 20_000;

/**
 * Folds fresh, unpersisted projections (a layout and the measure model it reads) from the events
 * recorded before `until`: the read models exactly as they stood at that instant (`asOf`
 * reports). With campaigns named, only their streams and their measures' streams are read, in
 * feed order; otherwise the whole feed.
 */
export async function replayUntil(
  store: EventStore,
  projections: readonly CheckpointedProjection[],
  until: Date,
  campaignIds?: readonly string[],
): Promise<void> {
  // recordedAt is always toISOString() output, so string order is time order.
  const cutoff = until.toISOString();
  const apply = (events: readonly RecordedEvent[]) => {
    for (const recorded of events) {
      if (recorded.metadata.recordedAt >= cutoff) continue;
      const event = decodeEvent(recorded);
      if (event !== undefined) for (const projection of projections) projection.apply(event, recorded);
    }
  };
  if (campaignIds !== undefined) {
    apply(await campaignEvents(store, campaignIds));
    return;
  }
  let after: bigint | undefined;
  for (;;) {
    const page = await store.readAll({ after, maxCount: PAGE });
    apply(page);
    if (page.length < PAGE) return;
    after = page[page.length - 1].position;
  }
}

async function campaignEvents(store: EventStore, campaignIds: readonly string[]): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (const campaignId of campaignIds) {
    const campaign = await store.readStream(streams.campaign(campaignId));
    events.push(...campaign);
    for (const recorded of campaign) {
      const event = decodeEvent(recorded);
      if (event?.type === 'MeasureAdded')
        events.push(...(await store.readStream(streams.measure(event.data.measureId))));
    }
  }
  return events.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
}
