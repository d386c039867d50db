// The product catalogue: every version of every user entry, immutable (an edit inserts the next
// version), and which catalogue entry and version filled each item of a stored case document. Built-in chips are not
// rows here: they come with the app (shared/catalog/chips.ts) and are identified by their digest.
import type { Migration } from './types';

const KINDS = `'ic', 'computer', 'model_weights', 'software', 'technology', 'other'`;
const HEX64 = (col: string) => `length(${col}) = 64 AND ${col} NOT GLOB '*[^0-9a-f]*'`;
const BOOL = (col: string) => `${col} IS NULL OR ${col} IN (0, 1)`;
const NONNEG = (col: string) => `${col} IS NULL OR ${col} >= 0`;

export const migration0006: Migration = {
  version: 6,
  name: 'products',
  up(db) {
    db.exec(`
      CREATE TABLE products (
        id                   INTEGER PRIMARY KEY,
        part_number          TEXT NOT NULL CHECK (length(trim(part_number)) BETWEEN 1 AND 100),
        part_key             TEXT NOT NULL CHECK (length(part_key) >= 1),
        version              INTEGER NOT NULL CHECK (version >= 1),
        description          TEXT,
        kind                 TEXT NOT NULL CHECK (kind IN (${KINDS})),
        eccn                 TEXT,
        tpp_per_unit         REAL CHECK (${NONNEG('tpp_per_unit')}),
        performance_density  REAL CHECK (${NONNEG('performance_density')}),
        die_area_mm2         REAL CHECK (die_area_mm2 IS NULL OR die_area_mm2 > 0),
        ics                  TEXT CHECK (ics IS NULL OR (json_valid(ics) AND json_type(ics) = 'array')),
        datacenter           INTEGER CHECK (${BOOL('datacenter')}),
        approved_designer    INTEGER CHECK (${BOOL('approved_designer')}),
        dram_bandwidth_gbs   REAL CHECK (${NONNEG('dram_bandwidth_gbs')}),
        source               TEXT NOT NULL CHECK (length(trim(source)) >= 1),
        note                 TEXT,
        sha256               TEXT NOT NULL CHECK (${HEX64('sha256')}),
        created_at           TEXT NOT NULL,
        actor                TEXT NOT NULL,
        UNIQUE (part_key, version)
      );

      CREATE TRIGGER products_no_update BEFORE UPDATE ON products
      BEGIN SELECT RAISE(ABORT, 'catalogue versions are immutable: an edit adds the next version'); END;
      CREATE TRIGGER products_no_delete BEFORE DELETE ON products
      BEGIN SELECT RAISE(ABORT, 'catalogue versions are never deleted: stored cases refer to them'); END;

      -- Keyed by the case document's sha256 (documents are immutable by digest): an edited case is a new
      -- document with its own rows, and a determination's case_sha256 finds the versions it was made from.
      CREATE TABLE case_item_products (
        case_sha256     TEXT NOT NULL CHECK (${HEX64('case_sha256')}),
        idx             INTEGER NOT NULL CHECK (idx >= 0),
        part_number     TEXT NOT NULL,
        product_id      INTEGER REFERENCES products(id),
        builtin         INTEGER NOT NULL CHECK (builtin IN (0, 1)),
        version         INTEGER NOT NULL CHECK (version >= 1),
        product_sha256  TEXT NOT NULL CHECK (${HEX64('product_sha256')}),
        CHECK ((builtin = 1) = (product_id IS NULL)),
        PRIMARY KEY (case_sha256, idx)
      ) WITHOUT ROWID;
      CREATE INDEX case_item_products_by_product ON case_item_products (product_id) WHERE product_id IS NOT NULL;
    `);
  },
};
