import { lookBackDecider, LookBackSettings, planLookBacks, streams, SYSTEM_ACTOR } from '@tracker/domain';
import { CourtCalendar, EventSourcedWriter } from '@tracker/command-path';
import { CatalogueView, ReadModels } from '@tracker/read-models';
import { TestApp } from './test-app';

/**
 * Records the 回头看 reminder `months` after the measure's sign-off, as the worker's look-back job
 * would when it fires (the scheduling itself is tested in libs/scheduling). Answers its review id.
 */
export async function raiseLookBack(t: TestApp, measureId: string, months: number): Promise<string> {
  // The sign-off may have just been answered over HTTP: read the measure as the store now has it.
  const head = (await t.store.readAll({ maxCount: 1_000_000 })).at(-1);
  if (head) await t.app.get(ReadModels).catchUp(head.position);
  const calendar = t.app.get(CourtCalendar);
  const settings: LookBackSettings = { months: [3, 6], startOfDay: (date) => calendar.instantAt(date, 0) };
  const state = t.app.get(CatalogueView).measure(measureId)?.state;
  const planned = state && planLookBacks(state, settings).find((p) => p.data.months === months);
  if (!planned) throw new Error(`measure ${measureId} plans no ${months}-month look-back`);
  const key = `lookback-${measureId}-lookback-${planned.data.reviewId}`;
  const outcome = await t.app.get(EventSourcedWriter).write({
    streamName: streams.measure(measureId),
    decider: lookBackDecider,
    commandName: 'RaiseLookBack',
    meta: { actor: SYSTEM_ACTOR, idempotencyKey: key, correlationId: 'e2e', causationId: null },
    command: (context) => ({ type: 'RaiseLookBack' as const, data: planned.data, settings, context }),
    result: () => undefined,
  });
  // Written beside HTTP, so no request waits for the read models: wait here, as a request would.
  if (outcome.position !== null) await t.app.get(ReadModels).catchUp(outcome.position);
  return planned.data.reviewId;
}
