import { Logger } from '@nestjs/common';
import { SqliteEventStore } from '@tracker/event-store';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHistory } from '../../../../test/support/province-history';
import { ReadModelLock } from './read-model-lock';
import { ReadModels, readModelSet, ReadModelSet } from './read-models.service';
import { ReadModelStore } from './read-model-store';

const TZ = 'Asia/Shanghai';
const SHAPE = { campaigns: 3, problemsPerCampaign: 3, measuresPerProblem: 4, seed: 11 };

/** What the API and the scheduler read, through the read models' public queries. */
function answers(rm: ReadModelSet) {
  const { catalogue } = rm;
  return {
    users: rm.directory.listUsers(),
    departments: rm.directory.listDepartments(),
    directoryRevision: rm.directory.revision,
    campaigns: catalogue.listCampaigns().map((campaign) => ({
      campaign,
      problems: catalogue.problemsOf(campaign).map((problem) => ({
        problem,
        measures: catalogue.measuresOf(problem),
      })),
    })),
    alerts: rm.alerts.open(),
    bulletins: rm.bulletins.list(),
    board: [...rm.board.campaigns.values()].map((c) => rm.board.linesOf(c)),
    ledger: rm.ledger.entries(),
    summary: [...rm.summary.campaigns.values()].map((c) => rm.summary.figuresOf(c.campaignId)),
    // What a court-wide asOf board counts of every measure on past days.
    asOf: ['2025-02-28', '2025-06-30', '2026-01-31'].map((day) => {
      const on = rm.measures.asOf(day);
      return [...rm.measures.lines.entries()].map(([id]) => {
        let facts: object | undefined;
        on.eachFacts([id], (f) => (facts = f));
        return facts;
      });
    }),
  };
}

describe('read models on restart', () => {
  let dir: string;
  let store: SqliteEventStore;
  const started: ReadModels[] = [];
  /** A started runner and the read models it serves. */
  type Started = { rm: ReadModels; models: ReadModelSet };

  async function start(file: string, models: ReadModelSet = readModelSet(TZ)): Promise<Started> {
    const rm = new ReadModels(store, join(dir, file), Object.values(models));
    started.push(rm);
    await rm.start();
    return { rm, models };
  }
  const recorded = async () => (await store.readAll()).length;
  async function stop({ rm }: Started) {
    started.splice(started.indexOf(rm), 1);
    await rm.stop();
  }

  beforeAll(async () => {
    Logger.overrideLogger(false);
    dir = mkdtempSync(join(tmpdir(), 'read-models-int-'));
    await writeHistory(join(dir, 'events.sqlite'), SHAPE);
    store = SqliteEventStore.open(join(dir, 'events.sqlite'));
  });
  afterEach(async () => {
    for (const rm of started.splice(0)) await rm.stop();
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose']);
  });

  it('a first start folds the history; a second start on the same file applies nothing and answers the same', async () => {
    const first = await start('same.sqlite');
    expect(first.rm.appliedAtStart).toBe(await recorded());
    const before = answers(first.models);
    expect(before.campaigns).toHaveLength(3);
    expect(before.users.length).toBeGreaterThan(0);
    await stop(first);

    const second = await start('same.sqlite');
    expect(second.rm.appliedAtStart).toBe(0);
    expect(answers(second.models)).toEqual(before);
    expect(second.rm.checkpoint).toBe(first.rm.checkpoint);
  });

  it('a second start answers by key before it has read the rest of the catalogue, then reads the rest after start', async () => {
    const first = await start('rest.sqlite');
    const before = answers(first.models);
    await stop(first);

    const second = await start('rest.sqlite');
    const [measureId] = second.models.catalogue.problemsOf(second.models.catalogue.listCampaigns()[0])[0]
      .measureIds;
    expect(second.models.catalogue.measure(measureId)).toEqual(first.models.catalogue.measure(measureId));
    await second.rm.restRead;
    // The dated history's digests (what a court-wide asOf board counts) are read back after start too.
    expect(second.models.measures.days?.hasAllDigests).toBe(true);
    expect(answers(second.models)).toEqual(before);
  });

  it('after a restart, applies only what was recorded while it was stopped, then follows live', async () => {
    const first = await start('gap.sqlite');
    await stop(first);
    await store.appendToStream('directory', [department('d-while-stopped', '执行局')], 'any');

    const second = await start('gap.sqlite');
    expect(second.rm.appliedAtStart).toBe(1);
    expect(second.models.directory.department('d-while-stopped')?.name).toBe('执行局');

    const live = await store.appendToStream('directory', [department('d-live', '研究室')], 'any');
    await second.rm.catchUp(live.position);
    expect(second.models.directory.department('d-live')?.name).toBe('研究室');
  });

  it('rebuilds a projection whose version changed, alone; the others resume from their checkpoints', async () => {
    const first = await start('bumped.sqlite');
    const before = answers(first.models);
    await stop(first);

    const set = readModelSet(TZ);
    Object.assign(set.catalogue, { version: set.catalogue.version + 1 });
    const catalogueApplied = jest.spyOn(set.catalogue, 'apply');
    const boardApplied = jest.spyOn(set.board, 'apply');
    const second = await start('bumped.sqlite', set);

    expect(catalogueApplied).toHaveBeenCalledTimes(await recorded());
    expect(boardApplied).not.toHaveBeenCalled();
    expect(answers(second.models)).toEqual(before);
  });

  it('marks the read-model file as served while started, and unmarks it on stop', async () => {
    const file = join(dir, 'marked.sqlite');
    const marked = await start('marked.sqlite');
    expect(readdirSync(`${file}.holders`)).toEqual([String(process.pid)]);
    await stop(marked);
    expect(readdirSync(`${file}.holders`)).toEqual([]);
  });

  it('beside another live process serving the file, folds in memory from the first event and leaves the file alone', async () => {
    const file = join(dir, 'shared.sqlite');
    const first = await start('shared.sqlite');
    await stop(first);
    const saved = new ReadModelStore(file);
    const before = saved.dump(readModelSet(TZ).directory);
    saved.close();

    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    writeFileSync(join(`${file}.holders`, String(other.pid)), `${other.pid}\n`);
    try {
      await store.appendToStream('directory', [department('d-shared', '审管办')], 'any');
      const second = await start('shared.sqlite');
      expect(second.rm.appliedAtStart).toBe(await recorded());
      expect(second.models.directory.department('d-shared')?.name).toBe('审管办');
      await stop(second);
      const after = new ReadModelStore(file);
      expect(after.dump(readModelSet(TZ).directory)).toEqual(before);
      after.close();
    } finally {
      const exited = new Promise((resolve) => other.once('exit', resolve));
      other.kill();
      await exited;
    }
  });

  it('reports a live holder of the file, and forgets one whose process is gone', async () => {
    const file = join(dir, 'held.sqlite');
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const pid = child.pid as number;
    mkdirSync(`${file}.holders`, { recursive: true });
    writeFileSync(join(`${file}.holders`, String(pid)), `${pid}\n`);
    try {
      expect(ReadModelLock.liveHolders(file)).toEqual([pid]);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    }
    expect(ReadModelLock.liveHolders(file)).toEqual([]);
    expect(existsSync(join(`${file}.holders`, String(pid)))).toBe(false);
  });
});

function department(departmentId: string, name: string) {
  return {
    eventId: `e-${departmentId}`,
    type: 'DepartmentCreated',
    schemaVersion: 1,
    data: { departmentId, name },
    metadata: {
      actor: { userId: 'admin', role: 'admin' },
      recordedAt: '2026-03-02T02:00:00.000Z',
      correlationId: 'c',
      causationId: 'c',
      idempotencyKey: null,
      command: 'CreateDepartment',
    },
  };
}
