import { assigned, extensionApproved, progress, signedOff, submitted } from '../testing/court.fixtures';
import { projectionSpec, recordAll } from '../testing/projection-spec';
import { BOARD_FACTS, MeasureLinesOn, MeasuresProjection } from './measures.projection';

describe.each([
  ['held in memory', {}],
  ['read on demand (the worker)', { loading: 'on demand' as const }],
])('MeasuresProjection (the one measure model), lines %s', (_, options) => {
  const spec = projectionSpec(() => [new MeasuresProjection('Asia/Shanghai', options)]);

  it("given assignments in two campaigns, keeps one line per measure and lists a campaign's in assignment order", async () => {
    const [measures] = await spec.given([
      assigned('m-b', 'p1'),
      assigned('m-x', 'q1', { campaignId: 'c2' }),
      assigned('m-a', 'p1'),
      progress('m-b', 30),
    ]);
    expect(measures.linesOfCampaign('c1').map((l) => [l.measureId, l.percent])).toEqual([
      ['m-b', 30],
      ['m-a', 0],
    ]);
    expect(measures.linesOfCampaign('c2').map((l) => l.measureId)).toEqual(['m-x']);
    expect(measures.linesOfCampaign('c-none')).toEqual([]);
  });

  it('after a restart, files later events of a measure under its campaign (the index is rebuilt from the lines)', async () => {
    const [measures] = await spec.given([assigned('m1', 'p1')]);
    measures.apply(submitted('m1'), {
      eventId: 'e-later',
      type: 'CompletionSubmitted',
      schemaVersion: 1,
      streamName: 'measure-m1',
      revision: 1n,
      position: 99n,
      data: {},
      metadata: {
        actor: { userId: 'u-head', role: 'department_head' },
        recordedAt: '2026-03-10T01:00:00.000Z',
        correlationId: 'c',
        causationId: 'c',
        idempotencyKey: null,
        command: 'spec',
      },
    });
    expect(measures.linesOfCampaign('c1').map((l) => l.status)).toEqual(['submitted']);
  });

  it('has no line for a measure never assigned', async () => {
    const [measures] = await spec.given([submitted('m1')]);
    expect(measures.line('m1')).toBeUndefined();
  });
});

describe('MeasuresProjection with history (the dated lines asOf reads)', () => {
  const dated = projectionSpec(() => [new MeasuresProjection('Asia/Shanghai', { history: true })]);
  /** At a court-local time (UTC+8). */
  const at = (local: string, event: Parameters<typeof dated.given>[0][number]) => ({
    event: 'event' in event ? event.event : event,
    recordedAt: new Date(`${local}:00+08:00`).toISOString(),
  });

  it('given changes over several days, records one row per measure and court day, the last change of the day winning', async () => {
    const [measures] = await dated.given([
      at('2026-03-02T09:00', assigned('m1', 'p1')),
      at('2026-03-03T10:00', progress('m1', 30, '2026-03-03')),
      at('2026-03-03T23:59', progress('m1', 40, '2026-03-03')),
      at('2026-03-04T00:01', submitted('m1')),
    ]);
    const rows = measures.days!.rows().map((r) => [r.key, r.day]);
    expect(rows).toEqual([
      ['m1', '2026-03-02'],
      ['m1', '2026-03-03'],
      ['m1', '2026-03-04'],
    ]);
    const on = (day: string) => measures.asOf(day).line('m1');
    expect(on('2026-03-01')).toBeUndefined();
    expect(on('2026-03-02')).toMatchObject({ status: 'assigned', percent: 0 });
    expect(on('2026-03-03')).toMatchObject({ status: 'in_progress', percent: 40 });
    expect(on('2026-03-04')).toMatchObject({ status: 'submitted' });
    expect(on('2026-12-31')).toBe(measures.line('m1'));
  });

  it("keeps in memory, for every day, exactly the board facts of that day's line, field for field", async () => {
    const [measures] = await dated.given([
      at(
        '2026-03-02T09:00',
        assigned('m1', 'p1', {
          dueDate: '2026-03-20',
          departmentId: 'd-civil',
          responsibleLeaderId: 'u-leader-2',
          milestones: [{ milestoneId: 'm1-ms1', title: '阶段目标', dueDate: '2026-03-10' }],
        }),
      ),
      at('2026-03-02T09:01', assigned('m2', 'p1', { kind: 'long_term', dueDate: null, reportEveryDays: 7 })),
      at('2026-03-04T10:00', progress('m1', 30, '2026-03-04')),
      at('2026-03-06T10:00', extensionApproved('m1', '2026-03-06', '2026-03-27')),
      at('2026-03-09T10:00', progress('m2', 10, '2026-03-09')),
      at('2026-03-12T10:00', submitted('m1')),
      at('2026-03-13T10:00', signedOff('m1', '2026-03-13')),
    ]);
    // Restarted: the facts are read back from the file first.
    while (!measures.days!.readSome(1));
    const factsOf = (on: MeasureLinesOn, id: string) => {
      let facts: object | undefined;
      on.eachFacts([id], (f) => (facts = f));
      return facts;
    };
    const pick = (line: object | undefined) =>
      line && Object.fromEntries(BOARD_FACTS.map((f) => [f, (line as Record<string, unknown>)[f]]));
    for (const day of ['2026-03-01', '2026-03-02', '2026-03-05', '2026-03-06', '2026-03-10', '2026-03-13']) {
      const on = measures.asOf(day);
      for (const id of ['m1', 'm2']) expect(factsOf(on, id)).toEqual(pick(on.line(id)));
    }
    expect(factsOf(measures.asOf('2026-03-13'), 'm1')).toMatchObject({
      status: 'signed_off',
      extensionsGranted: 1,
    });
  });

  it('records no row for an event that leaves the line as it was', async () => {
    const [measures] = await dated.given([
      at('2026-03-02T09:00', assigned('m1', 'p1')),
      at('2026-03-05T09:00', {
        type: 'ExtensionRequested',
        data: {
          measureId: 'm1',
          requestId: 'x1',
          currentDueDate: '2026-03-31',
          newDueDate: '2026-04-30',
          reason: '需等待外部材料',
        },
      }),
    ]);
    expect(measures.days!.rows().map((r) => r.day)).toEqual(['2026-03-02']);
  });

  it('files a change recorded with an earlier clock under the last day already recorded', async () => {
    const [measures] = await dated.given([
      at('2026-03-02T09:00', assigned('m1', 'p1')),
      at('2026-03-05T09:00', progress('m1', 30, '2026-03-05')),
      at('2026-03-04T09:00', progress('m1', 50, '2026-03-05')),
    ]);
    expect(measures.days!.rows().map((r) => r.day)).toEqual(['2026-03-02', '2026-03-05']);
    expect(measures.asOf('2026-03-05').line('m1')?.percent).toBe(50);
  });

  it('after a restart, reads saved rows from the file and later ones from memory until saved', async () => {
    const [measures] = await dated.given([
      at('2026-03-02T09:00', assigned('m1', 'p1')),
      at('2026-03-03T09:00', progress('m1', 30, '2026-03-03')),
    ]);
    const later = recordAll([at('2026-03-06T09:00', submitted('m1'))])[0];
    measures.apply(submitted('m1'), { ...later, position: 99n });
    expect(measures.asOf('2026-03-03').line('m1')).toMatchObject({ status: 'in_progress', percent: 30 });
    expect(measures.asOf('2026-03-05').line('m1')).toMatchObject({ status: 'in_progress', percent: 30 });
    expect(measures.asOf('2026-03-06').line('m1')).toMatchObject({ status: 'submitted' });
    expect(measures.asOf('2026-03-06').lines()).toHaveLength(1);
    expect(measures.asOf('2026-03-01').lines()).toEqual([]);
  });

  it('without history, refuses asOf and stores no history table', () => {
    const measures = new MeasuresProjection('Asia/Shanghai');
    expect(measures.histories).toEqual([]);
    expect(measures.version).toBe(1);
    expect(() => measures.asOf('2026-03-02')).toThrow(/history/);
  });
});
