import { Logger } from '@nestjs/common';
import { PlannedAlert } from '@tracker/domain';
import { CatalogueView, ReadModels } from '@tracker/read-models';
import { AlertRecorder } from './alert-recorder';
import { AlertScheduler } from './alert-scheduler';
import { ArmedMarker } from './armed-marker';
import { LookBackScheduler } from './look-back-scheduler';
import { NoticeIssuer } from './notice-issuer';
import { ReconcileService } from './reconcile.service';

/**
 * What a sweep vouches for when it marks: the alerts it recorded itself, up to the position its
 * read models had reached when it checked their 督办单. Its collaborators are stood in for here:
 * three measures each with one alert due, recorded at positions 11, 12 and 13.
 */
function sweep(options: { readModelsReach: bigint; noticeFails?: boolean }) {
  const measureIds = ['m1', 'm2', 'm3'];
  const state = (measureId: string) => ({ measureId, status: 'in_progress' });
  let checkpoint = 10n;
  const catalogue = {
    listCampaigns: () => [{ id: 'c1' }],
    problemsOf: () => [{ id: 'p1' }],
    measuresOf: () => measureIds.map((id) => ({ state: state(id) })),
    measure: (id: string) => ({ state: state(id) }),
  } as unknown as CatalogueView;
  const scheduler = {
    arm: async (s: { measureId: string }): Promise<PlannedAlert[]> => [
      { measureId: s.measureId, alertId: `${s.measureId}-overdue`, fireAt: new Date(0) } as PlannedAlert,
    ],
    flush: async () => undefined,
  } as unknown as AlertScheduler;
  const recorder = {
    record: async (alert: { measureId: string }) => ({
      recorded: 1,
      position: 10n + BigInt(measureIds.indexOf(alert.measureId) + 1),
    }),
  } as unknown as AlertRecorder;
  const checkedAt: bigint[] = [];
  const notices = {
    catchUp: async () => {
      checkedAt.push(checkpoint);
      if (options.noticeFails) throw new Error('notice stream unavailable');
    },
  } as unknown as NoticeIssuer;
  const lookBacks = {
    reconcile: async () => ({ recorded: 0, failed: 0 }),
  } as unknown as LookBackScheduler;
  const waitedFor: bigint[] = [];
  const readModels = {
    get checkpoint() {
      return checkpoint;
    },
    // Folds what was recorded, up to where this run lets it (a wait that runs out stops short).
    catchUp: async (position: bigint) => {
      waitedFor.push(position);
      checkpoint = options.readModelsReach;
    },
  } as unknown as ReadModels;
  const marks: unknown[][] = [];
  const marker = {
    since: async () => null,
    mark: async (...args: unknown[]) => {
      marks.push(args);
    },
  } as unknown as ArmedMarker;
  const service = new ReconcileService(
    catalogue,
    scheduler,
    recorder,
    notices,
    lookBacks,
    readModels,
    marker,
  );
  return { run: () => service.reconcile('start-1', { atStart: true }), marks, waitedFor, checkedAt };
}

describe('ReconcileService: what a complete sweep marks', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose']));

  it('waits for its read models to reach its last alert, checks the notices there, and vouches up to it', async () => {
    const s = sweep({ readModelsReach: 13n });
    expect(await s.run()).toMatchObject({ measures: 3, recorded: 3 });
    expect(s.waitedFor).toEqual([13n]);
    expect(s.checkedAt).toEqual([13n, 13n, 13n]);
    // Armed at the position its states stood at when it began; vouching for its own alerts up to 13.
    expect(s.marks).toEqual([[10n, { sweptTo: 13n, cause: 'start-1' }]]);
  });

  it('given read models that stop short of its alerts (the wait ran out), vouches only for what they had reached', async () => {
    const s = sweep({ readModelsReach: 11n });
    await s.run();
    expect(s.marks).toEqual([[10n, { sweptTo: 11n, cause: 'start-1' }]]);
  });

  it('given a 督办单 it could not issue, leaves no mark: the next start sweeps again', async () => {
    const s = sweep({ readModelsReach: 13n, noticeFails: true });
    await s.run();
    expect(s.marks).toEqual([]);
  });
});
