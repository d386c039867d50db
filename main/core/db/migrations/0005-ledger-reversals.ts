// The ledger becomes append-only with reversing entries. A recorded shipment is never edited or deleted:
// a correction is a new row that reverses it (same date, destination, consignee, authorization and case,
// negative TPP, a reason), so every sum nets out in SQL without looking at which rows were reversed.
// The table is rebuilt because SQLite cannot relax the old `tpp >= 0` CHECK or drop the one-row-per-item
// UNIQUE (a reversed case may be recorded again). Covering indexes serve the cap sums.
import type { Migration } from './types';

const ISO_DATE = (col: string) => `${col} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`;
const HEX64 = (col: string) => `length(${col}) = 64 AND ${col} NOT GLOB '*[^0-9a-f]*'`;
const AUTHORIZATIONS = `'NOT_CONTROLLED','NLR','AIA','ACM','LPP','ACA','NAC','UVEU','NVEU','LICENSE'`;

export const migration0005: Migration = {
  version: 5,
  name: 'ledger-reversals',
  up(db) {
    db.exec(`
      CREATE TABLE shipments_v5 (
        id             INTEGER PRIMARY KEY,
        ship_date      TEXT NOT NULL CHECK (${ISO_DATE('ship_date')}),
        destination    TEXT NOT NULL CHECK (destination GLOB '[A-Z][A-Z]'),
        consignee      TEXT NOT NULL CHECK (length(trim(consignee)) BETWEEN 1 AND 300),
        consignee_key  TEXT NOT NULL CHECK (length(consignee_key) >= 1),
        tpp            REAL NOT NULL,
        authorization  TEXT NOT NULL CHECK (authorization IN (${AUTHORIZATIONS})),
        source         TEXT NOT NULL CHECK (source IN ('recorded', 'imported', 'reversal')),
        case_id        INTEGER REFERENCES cases(id),
        item_idx       INTEGER,
        import_sha256  TEXT CHECK (import_sha256 IS NULL OR (${HEX64('import_sha256')})),
        reverses_id    INTEGER UNIQUE REFERENCES shipments_v5(id),
        reason         TEXT CHECK (reason IS NULL OR length(trim(reason)) BETWEEN 1 AND 1000),
        created_at     TEXT NOT NULL,
        CHECK ((source = 'reversal') = (reverses_id IS NOT NULL)),
        CHECK (source <> 'reversal' OR (reason IS NOT NULL AND tpp <= 0)),
        CHECK (source = 'reversal' OR tpp >= 0),
        CHECK (source <> 'recorded' OR (case_id IS NOT NULL AND item_idx IS NOT NULL)),
        CHECK (source <> 'imported' OR (import_sha256 IS NOT NULL AND case_id IS NULL))
      );
      INSERT INTO shipments_v5 (id, ship_date, destination, consignee, consignee_key, tpp, authorization, source, case_id,
                                item_idx, import_sha256, created_at)
        SELECT id, ship_date, destination, consignee, consignee_key, tpp, authorization, source, case_id, item_idx,
               import_sha256, created_at FROM shipments;
      DROP TABLE shipments;
      ALTER TABLE shipments_v5 RENAME TO shipments;

      CREATE INDEX shipments_by_consignee_date ON shipments (consignee_key, ship_date);
      CREATE INDEX shipments_by_destination_date ON shipments (destination, ship_date);
      CREATE INDEX shipments_by_import ON shipments (import_sha256) WHERE import_sha256 IS NOT NULL;
      CREATE INDEX shipments_by_case ON shipments (case_id, item_idx) WHERE case_id IS NOT NULL;
      CREATE INDEX shipments_sum_by_consignee ON shipments (consignee_key, authorization, ship_date, destination, tpp, case_id);
      CREATE INDEX shipments_sum_by_destination ON shipments (destination, authorization, ship_date, tpp, case_id);

      CREATE TRIGGER shipments_no_update BEFORE UPDATE ON shipments
      BEGIN SELECT RAISE(ABORT, 'recorded shipments are never edited: record a reversing entry with a reason'); END;
      CREATE TRIGGER shipments_no_delete BEFORE DELETE ON shipments
      BEGIN SELECT RAISE(ABORT, 'recorded shipments are never deleted: record a reversing entry with a reason'); END;
    `);
  },
};
