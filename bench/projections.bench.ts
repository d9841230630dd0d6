import { addDays, defaultLadder } from '@tracker/domain';
import 'reflect-metadata';
import { SqliteEventStore } from '@tracker/event-store';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { BoardProjection, BoardQuery, MeasuresProjection, replayUntil } from '@tracker/read-models';
import { CourtCalendar, SystemClock } from '@tracker/command-path';
import { writeLedgerXlsx } from '@tracker/documents';
import { LedgerQuery } from '@tracker/read-models';
import { readModelSet } from '@tracker/read-models';
import { CATCH_UP_BATCH, ProjectionRunner } from '@tracker/read-models';
import { ReadModelStore } from '@tracker/read-models';
import { ReportSettings } from '@tracker/read-models';
import { writeHistory } from '../test/support/province-history';
import { rawReadAndParse } from './raw-read';

/**
 * Province-sized history → rebuild throughput vs a raw read of the same rows, board latency,
 * ledger export time and memory. Prints figures; asserts nothing. `npm run bench:projections`;
 * BENCH_CAMPAIGNS scales the history down for a quick look (default 1,000 campaigns).
 */
const TZ = 'Asia/Shanghai';
const CAMPAIGNS = Number(process.env.BENCH_CAMPAIGNS ?? 1000);
const CAMPAIGNS_PER_COURT = 10;
/** The rebuild's batch size, used by the baseline too. */
const BATCH = CATCH_UP_BATCH;

/** The court-wide board's page, as the API pages it by default. */
const PAGE = { number: 1, size: 200 };
/** Whole-feed replays timed for the asOf baseline (each takes seconds at full size). */
const REPLAYS = Number(process.env.BENCH_REPLAYS ?? 3);

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const fmt = (n: number) => Math.round(n).toLocaleString('en');
const gc = () => (global as { gc?: () => void }).gc?.();

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Time to the serialised response, as the API would send it. */
async function latency(
  label: string,
  runs: number,
  run: (i: number) => Promise<unknown>,
  target = '(target p99 ≤ 20 ms)',
): Promise<void> {
  for (let i = 0; i < 20; i += 1) await run(i); // warm up
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    await run(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(44)} p50 ${percentile(times, 50).toFixed(2)} ms   p99 ${percentile(times, 99).toFixed(2)} ms   ${target}`,
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-projections-'));
  const eventsFile = join(dir, 'events.sqlite');
  try {
    console.log(`History: ${fmt(CAMPAIGNS)} campaigns × 10 problems × 10 measures, in ${dir}`);
    let t0 = performance.now();
    const total = await writeHistory(eventsFile, {
      campaigns: CAMPAIGNS,
      problemsPerCampaign: 10,
      measuresPerProblem: 10,
    });
    console.log(
      `generated ${fmt(total)} events in ${((performance.now() - t0) / 1000).toFixed(1)} s (${mb(statSync(eventsFile).size)} on disk)`,
    );

    const raw = rawReadAndParse(eventsFile, BATCH);
    const rawRate = raw.events / raw.seconds;
    console.log(
      `raw read-and-parse (baseline)              ${fmt(rawRate)} events/s (${raw.seconds.toFixed(2)} s)`,
    );

    const store = SqliteEventStore.open(eventsFile);
    const file = new ReadModelStore(join(dir, 'read-models.sqlite'));
    const projections = readModelSet(TZ);
    const runner = new ProjectionRunner(store, file, Object.values(projections));
    runner.reset();
    gc();
    t0 = performance.now();
    const applied = await runner.catchUp({ batchSize: BATCH });
    const rebuildSeconds = (performance.now() - t0) / 1000;
    const rebuildRate = applied / rebuildSeconds;
    console.log(
      `rebuild, every read model                  ${fmt(rebuildRate)} events/s (${rebuildSeconds.toFixed(2)} s)   ` +
        `ratio to raw ${(rebuildRate / rawRate).toFixed(2)}   (targets ≥ 200,000 events/s, ratio ≥ 0.8)`,
    );
    gc();
    console.log(
      `RSS after rebuild                          ${mb(process.memoryUsage().rss)}   (target ≤ 1 GB)`,
    );

    // The queries the API runs, on the rebuilt projections.
    const { directory, catalogue } = projections;
    const calendar = new CourtCalendar(new SystemClock(), TZ);
    const board = new BoardQuery(
      projections.board,
      projections.measures,
      directory,
      new ReportSettings(3, defaultLadder(3, 7)),
    );
    const day = { today: calendar.today(), until: null };
    const courts = Math.max(1, Math.floor(CAMPAIGNS / CAMPAIGNS_PER_COURT));
    await latency('board, one campaign (100 measures)', 1000, (i) =>
      board.run({ campaignIds: [`c${(i % CAMPAIGNS) + 1}`], groupBy: 'problem', day }).then(JSON.stringify),
    );
    const courtIds = (i: number) =>
      Array.from({ length: CAMPAIGNS_PER_COURT }, (_, k) => `c${(i % courts) * CAMPAIGNS_PER_COURT + k + 1}`);
    await latency(`board, one court (${CAMPAIGNS_PER_COURT} campaigns, 1,000 measures)`, 300, (i) =>
      board.run({ campaignIds: courtIds(i), groupBy: 'department', day }).then(JSON.stringify),
    );

    const measureCount = projections.measures.lines.size;
    const wholeCourt = `whole court (${fmt(measureCount)} measures), paged`;
    await latency(
      `board, ${wholeCourt}`,
      100,
      () => board.run({ groupBy: 'problem', day, page: PAGE }).then(JSON.stringify),
      '(target p99 ≤ 50 ms; laid out once while nothing changes)',
    );
    // As the API reads it while events arrive: one measure's progress changes before each
    // request, and the kept layout is patched (that row, its group's and the overall totals).
    await latency(
      `board, ${wholeCourt}, after a change`,
      100,
      (i) => {
        const id = `c${(i % CAMPAIGNS) + 1}-p1-m1`;
        const line = projections.measures.lines.get(id);
        if (line) projections.measures.lines.set(id, { ...line, percent: (line.percent + 10) % 100 });
        return board.run({ groupBy: 'problem', day, page: PAGE }).then(JSON.stringify);
      },
      '(target p99 ≤ 50 ms; the kept layout patched)',
    );
    // A new measure on the board each time (or a campaign, a problem): laid out afresh.
    await latency(
      `board, ${wholeCourt}, after a new problem`,
      20,
      (i) => {
        projections.board.problems.touch(`c${(i % CAMPAIGNS) + 1}-p1`);
        return board.run({ groupBy: 'problem', day, page: PAGE }).then(JSON.stringify);
      },
      '(laid out afresh each time)',
    );

    // asOf: month ends across the history (it starts on 2025-01-06), read from the measure model's
    // dated history; the baseline is what the board did before, a replay of the whole feed.
    const monthEnds = Array.from({ length: 15 }, (_, i) => {
      const end = new Date(Date.UTC(2025, i + 1, 0));
      return end.toISOString().slice(0, 10);
    });
    const asOf = (i: number) => {
      const today = monthEnds[i % monthEnds.length];
      return { today, until: calendar.instantAt(addDays(today, 1), 0) };
    };
    await latency(
      `board asOf, ${wholeCourt}`,
      150,
      (i) => board.run({ groupBy: 'problem', day: asOf(i), page: PAGE }).then(JSON.stringify),
      '(target p99 ≤ 300 ms; 15 month ends in turn)',
    );
    const replayTimes: number[] = [];
    for (let i = 0; i < REPLAYS; i += 1) {
      const day = asOf(5 + i);
      gc();
      t0 = performance.now();
      const measures = new MeasuresProjection(TZ);
      const replayedBoard = new BoardProjection(measures);
      await replayUntil(store, [measures, replayedBoard], day.until);
      const replayed = new BoardQuery(
        replayedBoard,
        measures,
        directory,
        new ReportSettings(3, defaultLadder(3, 7)),
      );
      JSON.stringify(
        await replayed.run({ groupBy: 'problem', day: { today: day.today, until: null }, page: PAGE }),
      );
      replayTimes.push(performance.now() - t0);
    }
    replayTimes.sort((a, b) => a - b);
    console.log(
      `${`board asOf, ${wholeCourt}, replayed (baseline)`.padEnd(44)} ${replayTimes.map((t) => `${fmt(t)} ms`).join(', ')}   (the whole feed replayed per request, ${REPLAYS} run(s))`,
    );
    gc();
    console.log(`RSS after the asOf boards                  ${mb(process.memoryUsage().rss)}`);

    const halfYear = { today: '2025-06-30', until: calendar.instantAt('2025-07-01', 0) };
    await latency(
      'board asOf 2025-06-30, one campaign',
      100,
      (i) =>
        board
          .run({ campaignIds: [`c${(i % CAMPAIGNS) + 1}`], groupBy: 'problem', day: halfYear })
          .then(JSON.stringify),
      '(no target; read from the dated history)',
    );

    const ledger = new LedgerQuery(projections.ledger, directory, catalogue);
    const rows = ledger.rows({}).slice(0, 10_000);
    t0 = performance.now();
    const out = createWriteStream(join(dir, 'ledger.xlsx'));
    await writeLedgerXlsx(
      {
        title: '整改销号台账',
        asOf: '2026-06-30',
        stamp: {
          courtName: '某某市某某区人民法院',
          exportedAt: new Date(),
          timeZone: 'Asia/Shanghai',
          anchor: null,
        },
      },
      rows,
      out,
    );
    await finished(out);
    console.log(
      `ledger.xlsx, ${fmt(rows.length)} rows                      ${((performance.now() - t0) / 1000).toFixed(2)} s (${mb(statSync(join(dir, 'ledger.xlsx')).size)})   (target ≤ 3 s)`,
    );

    // After a restart the board facts are read back from the history (the API does it a slice at a
    // time after it serves; an asOf board meanwhile counts from the full lines, as before).
    runner.stop();
    file.close();
    const reopened = new ReadModelStore(join(dir, 'read-models.sqlite'));
    const restarted = readModelSet(TZ);
    const resumed = new ProjectionRunner(store, reopened, Object.values(restarted));
    await resumed.open();
    const restartedBoard = new BoardQuery(
      restarted.board,
      restarted.measures,
      restarted.directory,
      new ReportSettings(3, defaultLadder(3, 7)),
    );
    await latency(
      `board asOf, ${wholeCourt}, restarted, facts not read yet`,
      15,
      (i) => restartedBoard.run({ groupBy: 'problem', day: asOf(i), page: PAGE }).then(JSON.stringify),
      '(the full lines, as before the facts)',
    );
    t0 = performance.now();
    for (const history of restarted.measures.histories) while (!history.readSome(100));
    const readBack = (performance.now() - t0) / 1000;
    gc();
    console.log(
      `${'facts read back after a restart'.padEnd(44)} ${readBack.toFixed(2)} s in slices of 100 measures, RSS then ${mb(process.memoryUsage().rss)}`,
    );
    await latency(
      `board asOf, ${wholeCourt}, restarted, facts read`,
      150,
      (i) => restartedBoard.run({ groupBy: 'problem', day: asOf(i), page: PAGE }).then(JSON.stringify),
      '(target p99 ≤ 300 ms)',
    );
    resumed.stop();
    reopened.close();
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
