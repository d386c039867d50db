// Licenses BIS granted, their lines, and the drawdown each shipment under LICENSE makes on a line. A
// license is a record: never edited or deleted. A drawdown belongs to a ledger row; reversing that row
// (a reversing entry) frees the drawdown, so what remains is always a sum over standing shipments.
import type { Migration } from './types';

const ISO_DATE = (col: string) => `${col} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`;
const HEX64 = (col: string) => `length(${col}) = 64 AND ${col} NOT GLOB '*[^0-9a-f]*'`;

export const migration0008: Migration = {
  version: 8,
  name: 'licenses',
  up(db) {
    db.exec(`
      CREATE TABLE licenses (
        id                INTEGER PRIMARY KEY,
        number            TEXT NOT NULL UNIQUE CHECK (length(number) BETWEEN 3 AND 40),
        issued            TEXT NOT NULL CHECK (${ISO_DATE('issued')}),
        expires           TEXT NOT NULL CHECK (${ISO_DATE('expires')} AND expires >= issued),
        destination       TEXT NOT NULL CHECK (destination GLOB '[A-Z][A-Z]'),
        end_user_key      TEXT NOT NULL CHECK (length(end_user_key) >= 1),
        consignee_key     TEXT NOT NULL CHECK (length(consignee_key) >= 1),
        determination_id  INTEGER REFERENCES determinations(id),
        document          TEXT NOT NULL CHECK (json_valid(document)),
        sha256            TEXT NOT NULL CHECK (${HEX64('sha256')}),
        created_at        TEXT NOT NULL
      );
      CREATE INDEX licenses_by_end_user ON licenses (end_user_key, destination);

      CREATE TABLE license_items (
        license_id      INTEGER NOT NULL REFERENCES licenses(id),
        idx             INTEGER NOT NULL CHECK (idx >= 0),
        eccn            TEXT NOT NULL,
        quantity        INTEGER NOT NULL CHECK (quantity >= 1),
        tpp_limit       REAL CHECK (tpp_limit IS NULL OR tpp_limit > 0),
        value_limit_usd REAL CHECK (value_limit_usd IS NULL OR value_limit_usd > 0),
        PRIMARY KEY (license_id, idx)
      ) WITHOUT ROWID;

      CREATE TABLE license_drawdowns (
        id           INTEGER PRIMARY KEY,
        license_id   INTEGER NOT NULL,
        item_idx     INTEGER NOT NULL,
        shipment_id  INTEGER NOT NULL UNIQUE REFERENCES shipments(id),
        quantity     INTEGER NOT NULL CHECK (quantity >= 1),
        tpp          REAL NOT NULL CHECK (tpp >= 0),
        value_usd    REAL CHECK (value_usd IS NULL OR value_usd >= 0),
        FOREIGN KEY (license_id, item_idx) REFERENCES license_items(license_id, idx)
      );
      CREATE INDEX license_drawdowns_by_line ON license_drawdowns (license_id, item_idx);

      CREATE TRIGGER licenses_no_update BEFORE UPDATE ON licenses
      BEGIN SELECT RAISE(ABORT, 'licenses are records: add the amended license under its own number'); END;
      CREATE TRIGGER licenses_no_delete BEFORE DELETE ON licenses
      BEGIN SELECT RAISE(ABORT, 'licenses are records and are never deleted'); END;
      CREATE TRIGGER license_items_no_update BEFORE UPDATE ON license_items
      BEGIN SELECT RAISE(ABORT, 'licenses are records: add the amended license under its own number'); END;
      CREATE TRIGGER license_items_no_delete BEFORE DELETE ON license_items
      BEGIN SELECT RAISE(ABORT, 'licenses are records and are never deleted'); END;
      CREATE TRIGGER license_drawdowns_no_update BEFORE UPDATE ON license_drawdowns
      BEGIN SELECT RAISE(ABORT, 'a drawdown is never edited: reverse the shipment instead'); END;
      CREATE TRIGGER license_drawdowns_no_delete BEFORE DELETE ON license_drawdowns
      BEGIN SELECT RAISE(ABORT, 'a drawdown is never deleted: reverse the shipment instead'); END;
    `);
  },
};
