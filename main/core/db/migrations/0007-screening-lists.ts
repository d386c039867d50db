// Restricted-party screening: snapshots of the Consolidated Screening List as imported (every earlier
// snapshot is kept; the newest is the active one), their entries with every column of ITA's file, the
// name forms the matcher indexes, the persisted search index (so starting the app never rebuilds it),
// the screening settings and the officers' confirm/clear decisions. Snapshots, entries and decisions are
// evidence: triggers refuse changing or deleting them.
import type { Migration } from './types';

export const migration0007: Migration = {
  version: 7,
  name: 'screening-lists',
  up(db) {
    db.exec(`
      CREATE TABLE list_snapshots (
        id           INTEGER PRIMARY KEY,
        sha256       TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
        list_date    TEXT NOT NULL CHECK (list_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        file_name    TEXT NOT NULL,
        format       TEXT NOT NULL CHECK (format IN ('csv', 'json')),
        entry_count  INTEGER NOT NULL CHECK (entry_count > 0),
        sources      TEXT NOT NULL,
        imported_at  TEXT NOT NULL,
        imported_by  TEXT NOT NULL
      );

      CREATE TABLE list_entries (
        snapshot_id             INTEGER NOT NULL REFERENCES list_snapshots (id),
        idx                     INTEGER NOT NULL,
        entry_id                TEXT NOT NULL,
        list_code               TEXT NOT NULL,
        source                  TEXT NOT NULL,
        entity_number           TEXT,
        type                    TEXT,
        name                    TEXT NOT NULL,
        countries               TEXT NOT NULL,
        license_requirement     TEXT,
        license_policy          TEXT,
        federal_register_notice TEXT,
        entry_sha256            TEXT NOT NULL,
        raw                     TEXT NOT NULL,
        PRIMARY KEY (snapshot_id, idx)
      ) WITHOUT ROWID;
      CREATE INDEX list_entries_by_key ON list_entries (list_code, entry_id);

      CREATE TABLE list_names (
        snapshot_id INTEGER NOT NULL REFERENCES list_snapshots (id),
        form_id     INTEGER NOT NULL,
        entry_idx   INTEGER NOT NULL,
        name        TEXT NOT NULL,
        how         TEXT NOT NULL,
        tokens      TEXT NOT NULL,
        PRIMARY KEY (snapshot_id, form_id)
      ) WITHOUT ROWID;

      CREATE TABLE list_index (
        snapshot_id INTEGER PRIMARY KEY REFERENCES list_snapshots (id),
        version     INTEGER NOT NULL,
        data        BLOB NOT NULL,
        build_ms    REAL NOT NULL
      );

      CREATE TABLE list_token_deletes (
        snapshot_id INTEGER NOT NULL REFERENCES list_snapshots (id),
        key         TEXT NOT NULL,
        token_id    INTEGER NOT NULL,
        PRIMARY KEY (snapshot_id, key, token_id)
      ) WITHOUT ROWID;

      CREATE TABLE screening_settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE TABLE screening_decisions (
        id           INTEGER PRIMARY KEY,
        party_key    TEXT NOT NULL,
        party_name   TEXT NOT NULL,
        list_code    TEXT NOT NULL,
        entry_id     TEXT NOT NULL,
        entry_sha256 TEXT NOT NULL,
        verdict      TEXT NOT NULL CHECK (verdict IN ('confirmed', 'cleared')),
        reason       TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        snapshot_id  INTEGER NOT NULL REFERENCES list_snapshots (id),
        case_id      INTEGER,
        decided_by   TEXT NOT NULL,
        decided_at   TEXT NOT NULL
      );
      CREATE INDEX screening_decisions_lookup ON screening_decisions (party_key, list_code, entry_id);

      CREATE TRIGGER list_snapshots_immutable BEFORE UPDATE ON list_snapshots BEGIN
        SELECT RAISE(ABORT, 'list snapshots are immutable');
      END;
      CREATE TRIGGER list_snapshots_kept BEFORE DELETE ON list_snapshots BEGIN
        SELECT RAISE(ABORT, 'list snapshots are kept');
      END;
      CREATE TRIGGER list_entries_immutable BEFORE UPDATE ON list_entries BEGIN
        SELECT RAISE(ABORT, 'list entries are immutable');
      END;
      CREATE TRIGGER list_entries_kept BEFORE DELETE ON list_entries BEGIN
        SELECT RAISE(ABORT, 'list entries are kept');
      END;
      CREATE TRIGGER screening_decisions_immutable BEFORE UPDATE ON screening_decisions BEGIN
        SELECT RAISE(ABORT, 'screening decisions are immutable; record a new one');
      END;
      CREATE TRIGGER screening_decisions_kept BEFORE DELETE ON screening_decisions BEGIN
        SELECT RAISE(ABORT, 'screening decisions are kept');
      END;
    `);
  },
};
