import Database from 'better-sqlite3';

/** The baseline: the same rows read with one prepared statement in the same batches, and their JSON parsed. */
export function rawReadAndParse(file: string, batch: number): { events: number; seconds: number } {
  const db = new Database(file, { readonly: true });
  db.defaultSafeIntegers(true);
  const select = db.prepare<[bigint, number], { position: bigint; data: string; metadata: string }>(
    'SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?',
  );
  const t0 = performance.now();
  let after = -1n;
  let events = 0;
  let sink = 0;
  for (;;) {
    const rows = select.all(after, batch);
    for (const row of rows) {
      const data = JSON.parse(row.data);
      const metadata = JSON.parse(row.metadata);
      sink += data === null ? 0 : metadata.recordedAt.length;
    }
    events += rows.length;
    if (rows.length < batch) break;
    after = rows[rows.length - 1].position;
  }
  const seconds = (performance.now() - t0) / 1000;
  db.close();
  if (sink < 0) console.log(sink);
  return { events, seconds };
}
