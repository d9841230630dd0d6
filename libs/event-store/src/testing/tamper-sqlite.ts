import { execFileSync } from 'node:child_process';
import { computeEventHash } from '../integrity';

/**
 * What someone with write access to the embedded store's file can do once the triggers are
 * dropped — done with the sqlite3 shell, as they would. Test infrastructure: the product never
 * writes to its store except by appending.
 */

function sqlite(file: string, sql: string, json = false): string {
  return execFileSync('sqlite3', [...(json ? ['-json'] : []), file, sql], { encoding: 'utf8' });
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

interface Row {
  position: number;
  stream_name: string;
  revision: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  hash: string;
  previous_hash: string | null;
}

/** The stream's rows in revision order. */
export function streamRows(file: string, streamName: string): Row[] {
  const out = sqlite(
    file,
    `SELECT * FROM events WHERE stream_name = ${quote(streamName)} ORDER BY revision`,
    true,
  );
  return out.trim() === '' ? [] : (JSON.parse(out) as Row[]);
}

/** Drops the delete trigger and removes the stream's last event. */
export function deleteLastEvent(file: string, streamName: string): void {
  sqlite(
    file,
    `DROP TRIGGER IF EXISTS events_no_delete;
     DELETE FROM events WHERE stream_name = ${quote(streamName)}
       AND revision = (SELECT max(revision) FROM events WHERE stream_name = ${quote(streamName)});`,
  );
}

/**
 * Drops the update trigger, changes one event's data and re-hashes it and every later event of
 * its stream, so that the stream's own chain verifies again.
 */
export function rewriteEvent(
  file: string,
  streamName: string,
  revision: number,
  change: (data: Record<string, unknown>) => Record<string, unknown>,
): void {
  const rows = streamRows(file, streamName);
  let previousHash: string | null = null;
  const updates: string[] = [];
  for (const row of rows) {
    const data = row.revision === revision ? change(JSON.parse(row.data)) : JSON.parse(row.data);
    const hash = computeEventHash(
      {
        streamName,
        revision: BigInt(row.revision),
        eventId: row.event_id,
        type: row.type,
        schemaVersion: row.schema_version,
        data,
        metadata: JSON.parse(row.metadata),
      },
      previousHash,
    );
    if (row.revision >= revision)
      updates.push(
        `UPDATE events SET data = ${quote(JSON.stringify(data))}, hash = ${quote(hash)}, previous_hash = ${
          previousHash === null ? 'NULL' : quote(previousHash)
        } WHERE position = ${row.position};`,
      );
    previousHash = hash;
  }
  sqlite(file, `DROP TRIGGER IF EXISTS events_no_update; BEGIN; ${updates.join('\n')} COMMIT;`);
}
