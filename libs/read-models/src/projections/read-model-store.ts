import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CheckpointedProjection } from './checkpointed-projection';
import { DocumentCodec, StoredDocuments } from './document-table';
import { byKey, HistoryReader, HistoryWriter, resolveRows, StoredHistory, StoredRow } from './history-table';

/** SQLite's page cache while catching up many events, and while following the feed (KiB). */
const CATCH_UP_CACHE_KIB = 131_072;
const FOLLOWING_CACHE_KIB = 8_192;

/** The last event a projection applied: its position, and its id to recognise it in the store. */
export interface Checkpoint {
  position: bigint;
  eventId: string;
}

export interface SavedProjection {
  projection: CheckpointedProjection;
  /** Written with the documents it produced. */
  checkpoint: Checkpoint;
}

/**
 * Where checkpointed projections persist (DATA_DIR/read-models.sqlite): one table of
 * documents per projection table and one row of checkpoint per projection. Read models can
 * always be rebuilt from the events, so the file trades power-cut durability for speed
 * (synchronous=NORMAL); a checkpoint is only ever written in the transaction of its documents.
 */
export class ReadModelStore {
  private readonly db: Database.Database;
  private readonly readCheckpoint: Database.Statement<
    [string],
    { version: number; position: string; event_id: string }
  >;
  private readonly writeCheckpoint: Database.Statement<[string, number, string, string]>;
  /** Upserts prepared once per table, by their SQL; forgotten when tables are dropped. */
  private readonly upserts = new Map<string, Database.Statement<(string | number)[]>>();

  constructor(readonly filePath: string) {
    if (filePath !== ':memory:') mkdirSync(dirname(resolve(filePath)), { recursive: true });
    this.db = new Database(filePath);
    this.db.pragma('busy_timeout = 5000');
    // Documents are large (a campaign's summary holds every line): bigger pages, fewer overflow chains. Only takes effect on a new file.
    this.db.pragma('page_size = 16384');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma(`cache_size = -${FOLLOWING_CACHE_KIB}`);
    this.db.exec(`CREATE TABLE IF NOT EXISTS checkpoints (
      projection TEXT PRIMARY KEY,
      version INTEGER NOT NULL,
      -- exact decimal: positions are 64-bit
      position TEXT NOT NULL,
      -- the event at that position, so a store restored from an older backup is noticed
      event_id TEXT NOT NULL
    ) STRICT`);
    this.readCheckpoint = this.db.prepare(
      'SELECT version, position, event_id FROM checkpoints WHERE projection = ?',
    );
    this.writeCheckpoint = this.db.prepare(
      'INSERT INTO checkpoints (projection, version, position, event_id) VALUES (?, ?, ?, ?) ' +
        'ON CONFLICT (projection) DO UPDATE SET version = excluded.version, position = excluded.position, ' +
        'event_id = excluded.event_id',
    );
  }

  /**
   * Loads the projection's documents and returns its checkpoint; undefined (and nothing loaded)
   * when it was never saved or was saved by another version, which must start from zero.
   */
  load(projection: CheckpointedProjection): Checkpoint | undefined {
    this.ensureTables(projection);
    const saved = this.readCheckpoint.get(projection.name);
    if (!saved || saved.version !== projection.version) {
      this.reset(projection);
      return undefined;
    }
    for (const table of projection.tables) {
      if (table.loading !== 'at start') {
        table.attach(this.storedFor(projection, table.name));
        continue;
      }
      // Row by row: all of a table's JSON at once would be promoted to the old generation and
      // left there as garbage, and a start's resident memory is that high-water mark.
      const rows = this.db
        .prepare<[], { key: string; body: string }>(
          `SELECT key, body FROM ${tableName(projection, table.name)} ORDER BY rowid`,
        )
        .iterate();
      table.load(decoded(rows, table.codec));
    }
    this.attachHistories(projection);
    projection.reindex?.();
    return { position: BigInt(saved.position), eventId: saved.event_id };
  }

  /**
   * A catch-up over many events rewrites most pages several times between saves: it keeps them in
   * a large page cache (128 MB), given back when it ends. Kept for good, that cache was resident
   * memory of every API and worker, since a start fills it reading every document.
   */
  usePageCacheForCatchUp(large: boolean): void {
    this.db.pragma(`cache_size = -${large ? CATCH_UP_CACHE_KIB : FOLLOWING_CACHE_KIB}`);
    if (!large) this.db.pragma('shrink_memory');
  }

  /**
   * Writes every changed document and each projection's checkpoint in one transaction. It is the
   * transaction the history rows closed since the last save were written into (see `historyWriter`),
   * so they are committed with the checkpoint of the events they came from.
   */
  save(saved: readonly SavedProjection[]): void {
    const write = () => {
      for (const { projection, checkpoint } of saved) {
        for (const table of projection.tables) {
          const upsert = this.upsertFor(projection, table.name);
          for (const [key, doc] of table.takeChanged())
            upsert.run(key, JSON.stringify(table.codec.encode(doc)));
        }
        for (const history of projection.histories ?? []) {
          const upsert = this.historyUpsertFor(projection, history.name);
          const span = this.spanUpsertFor(projection, history.name);
          for (const row of history.takeChanged()) {
            upsert.run(row.key, row.day, row.body, row.delta ? 1 : 0);
            // Each changed key has its open row here, so its span is written with every save.
            span.run(row.key, history.firstDay(row.key) ?? row.day, history.lastDay(row.key) ?? row.day);
          }
        }
        this.writeCheckpoint.run(
          projection.name,
          projection.version,
          checkpoint.position.toString(),
          checkpoint.eventId,
        );
      }
    };
    if (!this.db.inTransaction) {
      this.db.transaction(write)();
      return;
    }
    try {
      write();
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /**
   * Forgets the projection's documents and checkpoint, in memory and on disk. Its tables are
   * created again, so a version that changed the tables' layout starts on the new one.
   */
  reset(projection: CheckpointedProjection): void {
    this.db.transaction(() => {
      for (const table of projection.tables) {
        this.db.exec(`DROP TABLE IF EXISTS ${tableName(projection, table.name)}`);
        table.clear();
      }
      for (const history of projection.histories ?? []) {
        this.db.exec(`DROP TABLE IF EXISTS ${tableName(projection, history.name)}`);
        this.db.exec(`DROP TABLE IF EXISTS ${spansTableName(projection, history.name)}`);
        history.clear();
      }
      this.createTables(projection);
      this.db.prepare('DELETE FROM checkpoints WHERE projection = ?').run(projection.name);
    })();
    this.upserts.clear();
    this.attachHistories(projection);
    projection.reindex?.();
  }

  /**
   * Drops every table and checkpoint that none of these projections declares: what an older
   * release kept (a retired projection, a table a new version no longer has) would otherwise lie
   * in the file for ever, and be mistaken for live data by whoever opens it.
   */
  retireAllBut(projections: readonly CheckpointedProjection[]): void {
    const declared = new Set(
      projections.flatMap((p) => [
        ...[...p.tables, ...(p.histories ?? [])].map((t) => tableName(p, t.name)),
        ...(p.histories ?? []).map((h) => spansTableName(p, h.name)),
      ]),
    );
    const names = new Set(projections.map((p) => p.name));
    const tables = this.db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND instr(name, '__') > 0",
      )
      .all()
      .map((r) => r.name)
      .filter((name) => !declared.has(name));
    const checkpoints = this.db
      .prepare<[], { projection: string }>('SELECT projection FROM checkpoints')
      .all()
      .map((r) => r.projection)
      .filter((name) => !names.has(name));
    if (tables.length === 0 && checkpoints.length === 0) return;
    this.db.transaction(() => {
      for (const name of tables) this.db.exec(`DROP TABLE "${name}"`);
      const forget = this.db.prepare('DELETE FROM checkpoints WHERE projection = ?');
      for (const name of checkpoints) forget.run(name);
    })();
    this.upserts.clear();
  }

  /** Everything persisted for a projection, in key order: two dumps are equal when the read models are. */
  dump(projection: CheckpointedProjection): {
    checkpoint: string | null;
    tables: Record<string, string[][]>;
  } {
    const tables: Record<string, string[][]> = {};
    for (const table of projection.tables) {
      tables[table.name] = this.db
        .prepare<[], { key: string; body: string }>(
          `SELECT key, body FROM ${tableName(projection, table.name)} ORDER BY key`,
        )
        .all()
        .map((r) => [r.key, r.body]);
    }
    for (const history of projection.histories ?? []) {
      // Resolved: a delta row's content is the whole document, whichever row it was taken against.
      tables[history.name] = resolvedHistory(this.readerFor(projection, history).rows());
      tables[`${history.name}__spans`] = this.db
        .prepare<[], { key: string; first: string; last: string }>(
          `SELECT key, first, last FROM ${spansTableName(projection, history.name)} ORDER BY key`,
        )
        .all()
        .map((r) => [r.key, r.first, r.last]);
    }
    return { checkpoint: this.readCheckpoint.get(projection.name)?.position ?? null, tables };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private ensureTables(projection: CheckpointedProjection): void {
    this.createTables(projection);
  }

  /**
   * Rowid tables: documents load in the order they were first written, which is the order the
   * projection first set them (lists a query returns unsorted keep their order across a restart).
   * An upsert keeps a document's rowid.
   */
  private createTables(projection: CheckpointedProjection): void {
    for (const table of projection.tables) {
      this.db.exec(
        `CREATE TABLE IF NOT EXISTS ${tableName(projection, table.name)} (key TEXT PRIMARY KEY, body TEXT NOT NULL)`,
      );
    }
    // A history is appended to in feed order: rows go to the end of a rowid table, and only the
    // narrow (key, day) index is written out of order, so a rebuild does not rewrite the bodies' pages.
    for (const history of projection.histories ?? []) {
      const name = tableName(projection, history.name);
      this.db.exec(
        `CREATE TABLE IF NOT EXISTS ${name} (key TEXT NOT NULL, day TEXT NOT NULL, body TEXT NOT NULL, delta INTEGER NOT NULL)`,
      );
      this.db.exec(`CREATE UNIQUE INDEX IF NOT EXISTS ${name}_by_key_day ON ${name} (key, day)`);
      // Each key's first and last day, kept beside the rows: a start reads 100,000 of these, not
      // a GROUP BY over a million rows.
      const spans = spansTableName(projection, history.name);
      const created = !this.tableExists(spans);
      this.db.exec(
        `CREATE TABLE IF NOT EXISTS ${spans} (key TEXT PRIMARY KEY, first TEXT NOT NULL, last TEXT NOT NULL)`,
      );
      // A file from the release before the spans table: worked out once from the rows.
      if (created)
        this.db.exec(
          `INSERT INTO ${spans} (key, first, last) SELECT key, min(day), max(day) FROM ${name} GROUP BY key`,
        );
    }
  }

  /** Gives each history table its reader over this file (and so its keys' spans). */
  private attachHistories(projection: CheckpointedProjection): void {
    for (const history of projection.histories ?? [])
      history.attach(this.readerFor(projection, history), this.historyWriter(projection, history));
  }

  /**
   * Writes a closed history row at once, so a rebuild does not hold a province's history in memory
   * until the next save: into a transaction opened for it and left open until `save` commits it
   * with the checkpoints. Queries on this connection read the row at once; a crash (or a close
   * without a save) rolls it back with the checkpoint it would have been saved with.
   */
  private historyWriter(projection: CheckpointedProjection, history: StoredHistory): HistoryWriter {
    const upsert = this.historyUpsertFor(projection, history.name);
    return (key, day, row) => {
      if (!this.db.inTransaction) this.db.exec('BEGIN');
      upsert.run(key, day, row.body, row.delta ? 1 : 0);
    };
  }

  private storedFor(projection: CheckpointedProjection, table: string): StoredDocuments {
    const name = tableName(projection, table);
    const body = this.db.prepare<[string], string>(`SELECT body FROM ${name} WHERE key = ?`).pluck();
    // Places are rowids: a document keeps its rowid when saved again, a new one gets a higher one.
    const page = this.db.prepare<[number, number], { key: string; body: string; place: number }>(
      `SELECT key, body, rowid AS place FROM ${name} WHERE rowid > ? ORDER BY rowid LIMIT ?`,
    );
    return { body: (key) => body.get(key), page: (after, limit) => page.all(after, limit) };
  }

  private readerFor(projection: CheckpointedProjection, history: StoredHistory): HistoryReader {
    const name = tableName(projection, history.name);
    const latest = this.db.prepare<[string, string], RowColumns>(
      `SELECT body, delta FROM ${name} WHERE key = ? AND day <= ? ORDER BY day DESC`,
    );
    const spans = this.db.prepare<[], { key: string; first: string; last: string }>(
      `SELECT key, first, last FROM ${spansTableName(projection, history.name)}`,
    );
    const rows = this.db.prepare<[], KeyedRowColumns>(
      `SELECT key, day, body, delta FROM ${name} ORDER BY key, day`,
    );
    const rowsOfKeys = this.db.prepare<[{ after: string; keys: number }], KeyedRowColumns>(
      `SELECT key, day, body, delta FROM ${name} WHERE key > @after AND key <= ` +
        `(SELECT max(key) FROM (SELECT DISTINCT key FROM ${name} WHERE key > @after ORDER BY key LIMIT @keys)) ` +
        'ORDER BY key, day',
    );
    const any = this.db.prepare<[], number>(`SELECT 1 FROM ${name} LIMIT 1`).pluck();
    return {
      latest: (key, day) => untilWhole(latest.iterate(key, day)),
      spans: () => spans.iterate(),
      rows: () => mapRows(rows.iterate(), storedRow),
      rowsOfKeys: (after, keys) => rowsOfKeys.all({ after, keys }).map(storedRow),
      empty: () => any.get() === undefined,
    };
  }

  private historyUpsertFor(projection: CheckpointedProjection, history: string) {
    return this.upsert<[string, string, string, number]>(
      `INSERT INTO ${tableName(projection, history)} (key, day, body, delta) VALUES (?, ?, ?, ?) ` +
        'ON CONFLICT (key, day) DO UPDATE SET body = excluded.body, delta = excluded.delta',
    );
  }

  private spanUpsertFor(projection: CheckpointedProjection, history: string) {
    return this.upsert<[string, string, string]>(
      `INSERT INTO ${spansTableName(projection, history)} (key, first, last) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET last = excluded.last`,
    );
  }

  private upsertFor(projection: CheckpointedProjection, table: string) {
    return this.upsert<[string, string]>(
      `INSERT INTO ${tableName(projection, table)} (key, body) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET body = excluded.body`,
    );
  }

  private upsert<P extends (string | number)[]>(sql: string): Database.Statement<P> {
    let statement = this.upserts.get(sql);
    if (!statement) {
      statement = this.db.prepare<(string | number)[]>(sql);
      this.upserts.set(sql, statement);
    }
    return statement as unknown as Database.Statement<P>;
  }

  private tableExists(name: string): boolean {
    return (
      this.db
        .prepare<[string], { n: number }>(
          "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?",
        )
        .get(name)?.n === 1
    );
  }
}

function spansTableName(projection: CheckpointedProjection, history: string): string {
  return `${tableName(projection, history)}__spans`;
}

function tableName(projection: CheckpointedProjection, table: string): string {
  const name = `${projection.name}__${table}`;
  if (!/^[a-z_]+$/.test(name)) throw new Error(`Invalid read-model table name ${name}`);
  return name;
}

function* decoded<T>(
  rows: Iterable<{ key: string; body: string }>,
  codec: DocumentCodec<T>,
): Iterable<[string, T]> {
  for (const { key, body } of rows) yield [key, codec.decode(JSON.parse(body))];
}

interface RowColumns {
  body: string;
  delta: number | bigint;
}
type KeyedRowColumns = RowColumns & { key: string; day: string };

function storedRow<R extends RowColumns>(row: R): Omit<R, 'delta'> & StoredRow {
  return { ...row, delta: Number(row.delta) === 1 };
}

function* mapRows<A, B>(rows: Iterable<A>, map: (row: A) => B): Iterable<B> {
  for (const row of rows) yield map(row);
}

/** A key's rows, latest first, up to and with the first whole one: the rest are not needed to resolve it. */
function untilWhole(rows: IterableIterator<RowColumns>): StoredRow[] {
  const chain: StoredRow[] = [];
  for (const row of rows) {
    chain.push(storedRow(row));
    // Leaving the loop early ends the statement's iteration (and frees the connection for others).
    if (Number(row.delta) !== 1) break;
  }
  return chain;
}

/** A history's rows as [key, day, whole encoded document as JSON], in key and day order. */
function resolvedHistory(rows: Iterable<StoredRow & { key: string; day: string }>): string[][] {
  const resolved: string[][] = [];
  for (const { key, rows: chain } of byKey(rows)) {
    const docs = resolveRows(chain);
    chain.forEach((row, i) => resolved.push([key, row.day, JSON.stringify(docs[i])]));
  }
  return resolved;
}
