import type { Database } from 'better-sqlite3';
import { EventStoreUnavailableError } from '../errors';

/**
 * Migrations of the embedded store, applied in order; `PRAGMA user_version` records how many
 * have run. Append new ones at the end; never edit one that has shipped, since files already
 * migrated by it would not see the change.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE events (
    -- AUTOINCREMENT: a position is never reused, even after the last row is gone, so a
    -- subscriber's checkpoint can never point at a different event later.
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_name TEXT NOT NULL,
    revision INTEGER NOT NULL CHECK (revision >= 0),
    event_id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    data TEXT NOT NULL CHECK (json_valid(data)),
    metadata TEXT NOT NULL CHECK (json_valid(metadata)),
    hash TEXT NOT NULL,
    previous_hash TEXT,
    UNIQUE (stream_name, revision)
  ) STRICT;

  -- Type-filtered subscriptions (projections) read by type after a checkpoint.
  CREATE INDEX events_by_type ON events (type, position);

  -- Events are the audit record: once written they are never changed or removed. The triggers
  -- hold every connection to that, not only this adapter (a sqlite3 shell, a careless script).
  -- They do not stop someone who drops them first; the hash chain is what detects that.
  CREATE TRIGGER events_no_update BEFORE UPDATE ON events
  BEGIN
    SELECT RAISE(ABORT, 'events are immutable: UPDATE refused');
  END;

  CREATE TRIGGER events_no_delete BEFORE DELETE ON events
  BEGIN
    SELECT RAISE(ABORT, 'events are immutable: DELETE refused');
  END;

  -- INSERT OR REPLACE deletes the conflicting row without firing delete triggers (unless
  -- recursive_triggers is on), so an insert may only extend a stream at its end, linked to
  -- its last hash, with a new event id.
  CREATE TRIGGER events_append_only BEFORE INSERT ON events
  BEGIN
    SELECT RAISE(ABORT, 'events are immutable: an event with this id or position already exists')
    WHERE EXISTS (SELECT 1 FROM events WHERE event_id = NEW.event_id OR position = NEW.position);
    SELECT RAISE(ABORT, 'events are append-only: revision must follow the stream''s last revision')
    WHERE NEW.revision IS NOT
      (SELECT coalesce(max(revision), -1) + 1 FROM events WHERE stream_name = NEW.stream_name);
    SELECT RAISE(ABORT, 'events are append-only: previous_hash must be the stream''s last hash')
    WHERE NEW.previous_hash IS NOT
      (SELECT hash FROM events WHERE stream_name = NEW.stream_name AND revision = NEW.revision - 1);
  END;
  `,
];

/** Brings the file's schema up to date; refuses a file written by a newer version of the adapter. */
export function migrate(db: Database, filePath: string): void {
  const current = Number(db.pragma('user_version', { simple: true }));
  if (current > MIGRATIONS.length) {
    throw new EventStoreUnavailableError(
      `Event store ${filePath} has schema version ${current}, newer than this build knows (${MIGRATIONS.length})`,
    );
  }
  for (let version = current; version < MIGRATIONS.length; version += 1) {
    // Exclusive so two processes opening a new file at once do not both run a migration.
    db.transaction(() => {
      const now = Number(db.pragma('user_version', { simple: true }));
      if (now !== version) return;
      db.exec(MIGRATIONS[version]);
      db.pragma(`user_version = ${version + 1}`);
    }).exclusive();
  }
}

export const SCHEMA_VERSION = MIGRATIONS.length;
