import Database from 'better-sqlite3';
import { SingleBar } from 'cli-progress';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { EventStore } from '@tracker/event-store';
import {
  AppConfig,
  checkpointedProjections,
  ConfigError,
  loadConfig,
  openEventStoreOrExit,
  READ_MODEL_SCOPES,
  ReadModelScope,
  readModelsPath,
} from '@tracker/platform';
import { ProjectionRunner, ReadModelLock } from '@tracker/read-models';
import { ReadModelStore } from '@tracker/read-models';

/** EX_TEMPFAIL: try again once the API is stopped. */
const EXIT_IN_USE = 75;

/**
 * `npm run projections:rebuild [-- --resume]`: folds every read model of the API (directory,
 * catalogue, alerts, bulletins, measures, board, ledger, summary) and of the worker alone (catalogue,
 * measures) again from the first event (or, with --resume, from
 * their checkpoints), with a progress bar. Ctrl-C stops after the current batch with everything
 * applied so far saved; --resume (or the next start of the API) continues from there. Refuses to
 * run while an API or worker serves the same data directory: it keeps its own copy in memory and
 * would save over the rebuild.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env, () => randomBytes(32).toString('hex'));
  const resume = process.argv.includes('--resume');
  for (const scope of READ_MODEL_SCOPES) {
    const path = readModelsPath(config.dataDir, scope);
    const holders = ReadModelLock.liveHolders(path);
    if (holders.length > 0) {
      console.error(
        `Refusing to rebuild: ${path} is in use by running process(es) ${holders.join(', ')} (an API or worker on DATA_DIR=${config.dataDir}). Stop them and run again.`,
      );
      process.exit(EXIT_IN_USE);
    }
  }
  const store = await openEventStoreOrExit(config);
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  try {
    for (const scope of READ_MODEL_SCOPES) {
      await rebuild(store, config, scope, { resume, signal: abort.signal });
      if (abort.signal.aborted) break;
    }
  } finally {
    await store.close();
  }
}

/** Rebuilds (or resumes) one scope's read-model file, with a progress bar. */
async function rebuild(
  store: EventStore,
  config: AppConfig,
  scope: ReadModelScope,
  { resume, signal }: { resume: boolean; signal: AbortSignal },
): Promise<void> {
  const path = readModelsPath(config.dataDir, scope);
  const file = new ReadModelStore(path);
  const lock = ReadModelLock.acquire(path);
  const runner = new ProjectionRunner(store, file, checkpointedProjections(config.courtTimezone, scope));
  if (resume) await runner.open();
  else runner.reset();
  const from = runner.position ?? 0n;
  // EventStoreDB does not count a feed's events cheaply: there the bar shows progress without a total.
  const total =
    config.eventStore === 'embedded' ? eventsAfter(join(config.dataDir, 'events.sqlite'), from) : null;
  const bar = new SingleBar({
    format:
      total === null
        ? `${scope} read models | {value} events | {rate} events/s`
        : `${scope} read models |{bar}| {percentage}% | {value}/{total} events | {rate} events/s | ETA {eta}s`,
    hideCursor: true,
  });
  bar.start(total ?? 0, 0, { rate: 0 });
  const started = performance.now();
  const applied = await runner.catchUp({
    signal,
    onProgress: ({ applied: n }) =>
      bar.update(n, { rate: Math.round(n / ((performance.now() - started) / 1000)).toLocaleString('en') }),
  });
  bar.stop();
  const seconds = (performance.now() - started) / 1000;
  runner.stop();
  file.close();
  lock.release();
  const rate = Math.round(applied / Math.max(seconds, 1e-9)).toLocaleString('en');
  if (signal.aborted) {
    console.log(
      `Stopped after ${applied} events at position ${runner.position} (${scope} read models); run with --resume to continue.`,
    );
  } else {
    console.log(
      `Rebuilt every read model of the ${scope} (${path}) from ${applied} events in ${seconds.toFixed(1)} s (${rate} events/s).`,
    );
  }
}

/**
 * How many events follow a position: the bar's total. Positions are AUTOINCREMENT and no event is
 * ever deleted, so the last position says it without counting (a count read the whole 1 GB table).
 */
function eventsAfter(eventsFile: string, position: bigint): number {
  const db = new Database(eventsFile, { readonly: true });
  try {
    const last = db
      .prepare<[], { last: number | null }>('SELECT max(position) AS last FROM events')
      .get()?.last;
    return Math.max(0, (last ?? 0) - Number(position));
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
