import { alertDecider, AlertSettings, planAlerts, streams, SYSTEM_ACTOR } from '@tracker/domain';
import { APP_CONFIG, AppConfig } from '@tracker/platform';
import { EventSourcedWriter } from '@tracker/command-path';
import { CourtCalendar } from '@tracker/command-path';
import { CatalogueView, ReadModels } from '@tracker/read-models';
import { TestApp } from './test-app';

/**
 * Records the deadline step `step` (a step id of the court's ladder; in the default ladder also
 * its level) the measure's plan calls for, as the worker's scheduler would when it fires (the
 * scheduler itself is tested in libs/scheduling), with any earlier step still missing. Answers the alert's id.
 */
export async function raiseDeadlineAlert(t: TestApp, measureId: string, step: string): Promise<string> {
  const calendar = t.app.get(CourtCalendar);
  const settings: AlertSettings = {
    ladder: t.app.get<AppConfig>(APP_CONFIG).supervisionLadder,
    startOfDay: (date) => calendar.instantAt(date, 0),
  };
  const state = t.app.get(CatalogueView).measure(measureId)?.state;
  const planned =
    state && planAlerts(state, settings).find((a) => a.stepId === step && a.subject === 'deadline');
  if (!planned) throw new Error(`measure ${measureId} plans no ${step} deadline step`);
  const { fireAt: _fireAt, ...alert } = planned;
  const outcome = await t.app.get(EventSourcedWriter).write({
    streamName: streams.measure(measureId),
    decider: alertDecider,
    commandName: 'RaiseAlert',
    meta: {
      actor: SYSTEM_ACTOR,
      idempotencyKey: `alert-${measureId}-${alert.alertId}`,
      correlationId: 'e2e',
      causationId: null,
    },
    command: (context) => ({ type: 'RaiseAlert' as const, data: alert, settings, context }),
    result: () => undefined,
  });
  // Written beside HTTP, so no request waits for the read models: wait here, as a request would.
  if (outcome.position !== null) await t.app.get(ReadModels).catchUp(outcome.position);
  return alert.alertId;
}
