import Database from 'better-sqlite3';
import { Logger } from '@nestjs/common';
import { SqliteEventStore } from '@tracker/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHistory } from '../../../../test/support/province-history';
import { readModelSet } from './read-models.service';
import { ProjectionRunner } from './projection-runner';
import { ReadModelStore } from './read-model-store';

const TZ = 'Asia/Shanghai';
const SHAPE = { campaigns: 4, problemsPerCampaign: 3, measuresPerProblem: 3, seed: 7 };

describe('checkpointed projections', () => {
  let dir: string;
  let store: SqliteEventStore;
  let total: number;
  const open: { runner: ProjectionRunner; file: ReadModelStore }[] = [];

  /** A runner over the three projections, persisting to `name` in the test directory. */
  function runner(name: string) {
    const projections = readModelSet(TZ);
    const file = new ReadModelStore(join(dir, name));
    const r = new ProjectionRunner(store, file, Object.values(projections));
    open.push({ runner: r, file });
    return { runner: r, file, projections };
  }
  async function close(r: { runner: ProjectionRunner; file: ReadModelStore }) {
    open.splice(
      open.findIndex((o) => o.runner === r.runner),
      1,
    );
    r.runner.stop();
    r.file.close();
  }
  const dump = (r: ReturnType<typeof runner>) => Object.values(r.projections).map((p) => r.file.dump(p));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'projections-int-'));
    total = await writeHistory(join(dir, 'events.sqlite'), SHAPE);
    store = SqliteEventStore.open(join(dir, 'events.sqlite'));
  });
  afterEach(async () => {
    for (const { runner: r, file } of open.splice(0)) {
      await r.stop();
      file.close();
    }
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given the history, a rebuild folds every event into every read model', async () => {
    const clean = runner('clean.sqlite');
    expect(await clean.runner.catchUp({ batchSize: 50 })).toBe(total);
    const { board, ledger, summary, measures } = clean.projections;
    expect(board.campaigns.size).toBe(4);
    expect(measures.lines.size).toBe(36);
    expect(ledger.entries()).toHaveLength(36);
    const figures = summary.figuresOf('c1');
    expect(figures?.problems).toBe(3);
    expect(figures?.lines).toHaveLength(9);
    const lastPosition = (await store.readAll()).at(-1)?.position;
    expect(dump(clean).map((d) => d.checkpoint)).toEqual(
      Object.keys(clean.projections).map(() => String(lastPosition)),
    );
  });

  it('a rebuild stopped midway resumes from its checkpoint and ends identical to a clean rebuild', async () => {
    const clean = runner('clean-2.sqlite');
    await clean.runner.catchUp({ batchSize: 50 });

    const first = runner('resumed.sqlite');
    const abort = new AbortController();
    const applied = await first.runner.catchUp({
      batchSize: 50,
      saveEvery: 120,
      signal: abort.signal,
      onProgress: ({ applied: n }) => n >= total / 2 && abort.abort(),
    });
    expect(applied).toBeLessThan(total);
    const halfway = dump(first);
    expect(halfway.map((d) => d.checkpoint)).not.toEqual(dump(clean).map((d) => d.checkpoint));
    await close(first);

    // A new process: loads what was saved and reads only what follows the checkpoint.
    const second = runner('resumed.sqlite');
    second.runner.load();
    expect(await second.runner.catchUp({ batchSize: 50 })).toBe(total - applied);
    expect(dump(second)).toEqual(dump(clean));
    expect(second.projections.measures.line('c2-p1-m1')).toEqual(clean.projections.measures.line('c2-p1-m1'));
  });

  it('a process killed between saves leaves what the last save committed: history rows written since are gone with their checkpoint', async () => {
    const crashed = runner('crashed.sqlite');
    let savedThrough = -1n;
    await expect(
      crashed.runner.catchUp({
        batchSize: 50,
        saveEvery: 100,
        onProgress: ({ applied: n, position }) => {
          // Saved after every second batch; the batch after it writes closed history rows, then the process dies.
          if (n % 100 === 0) savedThrough = position;
          if (n >= total / 2 && n % 100 === 50) crashed.file.close();
        },
      }),
    ).rejects.toThrow();
    open.splice(
      open.findIndex((o) => o.runner === crashed.runner),
      1,
    );

    // What a process that stopped cleanly at the last saved checkpoint holds.
    const upToSave = {
      readFeed: async (options: { after?: bigint; maxCount?: number }) =>
        (await store.readFeed(options)).filter((e) => e.position <= savedThrough),
      eventAt: (position: bigint) => store.eventAt(position),
    };
    const reference = readModelSet(TZ);
    const referenceFile = new ReadModelStore(join(dir, 'stopped-at-save.sqlite'));
    const stopped = new ProjectionRunner(upToSave, referenceFile, Object.values(reference));
    await stopped.catchUp({ batchSize: 50 });
    stopped.stop();

    const restarted = runner('crashed.sqlite');
    restarted.runner.load();
    expect(dump(restarted)).toEqual(Object.values(reference).map((p) => referenceFile.dump(p)));
    referenceFile.close();

    const clean = runner('clean-3.sqlite');
    await clean.runner.catchUp({ batchSize: 50 });
    await restarted.runner.catchUp({ batchSize: 50 });
    expect(dump(restarted)).toEqual(dump(clean));
  });

  it("stores a measure's later days as the fields that changed, and reads every day back whole, before and after a restart", async () => {
    const first = runner('deltas.sqlite');
    await first.runner.catchUp({ batchSize: 50 });
    const days = first.projections.measures.days!;
    const [measureId] = [...first.projections.measures.lines.entries()]
      .map(([id]) => id)
      .filter((id) => days.span(id)!.first < days.span(id)!.last);
    const wholeBefore = days.rows().filter((r) => r.key === measureId);
    expect(wholeBefore.length).toBeGreaterThan(1);
    await close(first);

    const raw = new Database(join(dir, 'deltas.sqlite'), { readonly: true });
    const stored = raw
      .prepare<[string], { body: string; delta: number }>(
        'SELECT body, delta FROM measures__days WHERE key = ? ORDER BY day',
      )
      .all(measureId);
    raw.close();
    // The first day is the whole line; each later one names only the places that changed.
    expect(stored[0].delta).toBe(0);
    expect(JSON.parse(stored[0].body)).toEqual(wholeBefore[0].doc);
    for (const [i, row] of stored.slice(1).entries()) {
      expect(row.delta).toBe(1);
      const changed = JSON.parse(row.body) as Record<string, unknown>;
      const [previous, current] = [wholeBefore[i].doc, wholeBefore[i + 1].doc] as unknown[][];
      expect(Object.keys(changed).sort()).toEqual(
        current
          .flatMap((v, place) =>
            JSON.stringify(v) === JSON.stringify(previous[place]) ? [] : [String(place)],
          )
          .sort(),
      );
    }

    const restarted = runner('deltas.sqlite');
    restarted.runner.load();
    const after = restarted.projections.measures.days!;
    expect(after.rows().filter((r) => r.key === measureId)).toEqual(wholeBefore);
    for (const { day, doc } of wholeBefore)
      expect(after.at(measureId, day)).toEqual(restarted.projections.measures.days!.codec.decode(doc));
  });

  it('applies each event exactly once: catching up again, or from an older position, changes nothing', async () => {
    const r = runner('once.sqlite');
    await r.runner.catchUp();
    const before = dump(r);
    const line = r.projections.summary.campaigns.get('c1');
    expect(await r.runner.catchUp()).toBe(0);
    // Replaying the whole feed again (as an overlapping subscription would) is skipped per checkpoint.
    for (const event of await store.readAll()) r.runner.apply(event);
    expect(dump(r)).toEqual(before);
    expect(r.projections.summary.campaigns.get('c1')).toEqual(line);
  });

  it('a rebuild from zero after a reset gives the same read models', async () => {
    const r = runner('reset.sqlite');
    await r.runner.catchUp();
    const before = dump(r);
    r.runner.reset();
    expect(r.projections.measures.lines.size).toBe(0);
    expect(await r.runner.catchUp({ batchSize: 7 })).toBe(total);
    expect(dump(r)).toEqual(before);
  });

  it('a checkpoint the event store does not hold (restored from an older backup) is rebuilt from zero', async () => {
    const ahead = runner('restored.sqlite');
    await ahead.runner.catchUp();
    await close(ahead);

    const olderFile = join(dir, 'older-events.sqlite');
    await writeHistory(olderFile, { ...SHAPE, campaigns: 2, seed: 8 });
    const older = SqliteEventStore.open(olderFile);
    try {
      const reopen = (name: string) => {
        const projections = readModelSet(TZ);
        const file = new ReadModelStore(join(dir, name));
        return { runner: new ProjectionRunner(older, file, Object.values(projections)), file, projections };
      };
      const clean = reopen('older-clean.sqlite');
      await clean.runner.catchUp();
      const restored = reopen('restored.sqlite');
      // Said once per projection, to the operator who restored the backup (and kept out of the test report).
      const warnings: string[] = [];
      const quiet = () => undefined;
      Logger.overrideLogger({
        log: quiet,
        error: quiet,
        warn: (message: unknown) => warnings.push(String(message)),
      });
      try {
        await restored.runner.open();
      } finally {
        Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose']);
      }
      expect(warnings).toEqual(
        Object.values(restored.projections).map((p) =>
          expect.stringMatching(
            new RegExp(`^Projection ${p.name}: checkpoint \\d+ is not in the event store; rebuilding it$`),
          ),
        ),
      );
      expect(restored.runner.position).toBeUndefined();
      await restored.runner.catchUp();
      expect(dump(restored)).toEqual(dump(clean));
      expect(restored.projections.board.campaigns.size).toBe(2);
      for (const r of [clean, restored]) {
        r.runner.stop();
        r.file.close();
      }
    } finally {
      await older.close();
    }
  });

  it('a file from an older release loses the tables and checkpoints no projection declares any more', async () => {
    const older = runner('older-release.sqlite');
    await older.runner.catchUp();
    await close(older);
    const raw = new Database(join(dir, 'older-release.sqlite'));
    raw.exec('CREATE TABLE board__lines (key TEXT PRIMARY KEY, body TEXT NOT NULL)');
    raw.prepare("INSERT INTO board__lines VALUES ('m1', '{}')").run();
    raw.prepare("INSERT INTO checkpoints VALUES ('retired', 1, '5', 'e5')").run();
    raw.close();

    const current = runner('older-release.sqlite');
    await current.runner.open();
    await close(current);
    const after = new Database(join(dir, 'older-release.sqlite'), { readonly: true });
    const tables = after
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((r) => r.name);
    const checkpoints = after
      .prepare<[], { projection: string }>('SELECT projection FROM checkpoints ORDER BY projection')
      .all()
      .map((r) => r.projection);
    after.close();
    expect(tables).not.toContain('board__lines');
    expect(tables).toContain('board__campaigns');
    expect(checkpoints).toEqual(
      Object.values(current.projections)
        .map((p) => p.name)
        .sort(),
    );
  });

  it("a file from before the history's spans table gets it from the rows, as a rebuild would write it", async () => {
    const clean = runner('spans-clean.sqlite');
    await clean.runner.catchUp();
    const expected = dump(clean);
    await close(clean);
    const older = runner('spans-older.sqlite');
    await older.runner.catchUp();
    await close(older);
    const raw = new Database(join(dir, 'spans-older.sqlite'));
    raw.exec('DROP TABLE measures__days__spans');
    raw.close();

    const current = runner('spans-older.sqlite');
    expect(await current.runner.catchUp()).toBe(0);
    expect(dump(current)).toEqual(expected);
    expect(expected.find((d) => 'days__spans' in d.tables)?.tables.days__spans).toHaveLength(36);
  });

  it('fed event by event, as the API feeds it, saves the same read models as a batched catch-up', async () => {
    const batched = runner('batched.sqlite');
    await batched.runner.catchUp();
    const live = runner('live.sqlite');
    const events = await store.readAll();
    // The API replays the whole feed at every start; a repeat is skipped by the checkpoints.
    for (const event of [...events, ...events.slice(0, 10)]) live.runner.apply(event);
    live.runner.stop();
    expect(dump(live)).toEqual(dump(batched));
  });
});
