import Database from 'better-sqlite3';
import { SingleBar } from 'cli-progress';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@tracker/platform';
import { openEventStoreOrExit } from '@tracker/platform';
import { checkpointedProjections, readModelsPath } from '@tracker/platform';
import { ProjectionRunner, ReadModelLock } from '@tracker/read-models';
import { ReadModelStore } from '@tracker/read-models';

/** EX_TEMPFAIL: try again once the API is stopped. */
const EXIT_IN_USE = 75;

/**
 * `npm run projections:rebuild [-- --resume]`: folds every read model (directory, catalogue,
 * alerts, bulletins, board, ledger, summary) again from the first event (or, with --resume, from
 * their checkpoints), with a progress bar. Ctrl-C stops after the current batch with everything
 * applied so far saved; --resume (or the next start of the API) continues from there. Refuses to
 * run while an API or worker serves the same data directory: it keeps its own copy in memory and
 * would save over the rebuild.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env, () => randomBytes(32).toString('hex'));
  const resume = process.argv.includes('--resume');
  const path = readModelsPath(config.dataDir);
  const holders = ReadModelLock.liveHolders(path);
  if (holders.length > 0) {
    console.error(
      `Refusing to rebuild: ${path} is in use by running process(es) ${holders.join(', ')} (an API or worker on DATA_DIR=${config.dataDir}). Stop them and run again.`,
    );
    process.exit(EXIT_IN_USE);
  }
  const store = await openEventStoreOrExit(config);
  const file = new ReadModelStore(path);
  const lock = ReadModelLock.acquire(path);
  const runner = new ProjectionRunner(
    store,
    file,
    Object.values(checkpointedProjections(config.courtTimezone)),
  );
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());

  if (resume) await runner.open();
  else runner.reset();
  const from = runner.position ?? 0n;
  // EventStoreDB does not count a feed's events cheaply: there the bar shows progress without a total.
  const total =
    config.eventStore === 'embedded' ? eventsAfter(join(config.dataDir, 'events.sqlite'), from) : null;
  const bar = new SingleBar({
    format:
      total === null
        ? 'projections | {value} events | {rate} events/s'
        : 'projections |{bar}| {percentage}% | {value}/{total} events | {rate} events/s | ETA {eta}s',
    hideCursor: true,
  });
  bar.start(total ?? 0, 0, { rate: 0 });
  const started = performance.now();
  const applied = await runner.catchUp({
    signal: abort.signal,
    onProgress: ({ applied: n }) =>
      bar.update(n, { rate: Math.round(n / ((performance.now() - started) / 1000)).toLocaleString('en') }),
  });
  bar.stop();
  const seconds = (performance.now() - started) / 1000;
  runner.stop();
  file.close();
  lock.release();
  await store.close();
  const rate = Math.round(applied / Math.max(seconds, 1e-9)).toLocaleString('en');
  if (abort.signal.aborted) {
    console.log(
      `Stopped after ${applied} events at position ${runner.position}; run with --resume to continue.`,
    );
  } else {
    console.log(
      `Rebuilt every read model from ${applied} events in ${seconds.toFixed(1)} s (${rate} events/s).`,
    );
  }
}

/** How many events follow a position: the bar's total. Counted in SQL, not by reading them twice. */
function eventsAfter(eventsFile: string, position: bigint): number {
  const db = new Database(eventsFile, { readonly: true });
  try {
    return (
      db.prepare<[bigint], { n: number }>('SELECT count(*) AS n FROM events WHERE position > ?').get(position)
        ?.n ?? 0
    );
  } finally {
    db.close();
  }
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78);
  }
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
