// The first schema: rule packs, parties, cases and their items, immutable determinations, the shipment
// ledger and the hash-chained audit log. Dates are `YYYY-MM-DD` text, instants ISO 8601 text, digests
// lower-case hex; CHECKs keep anything else out even if a caller skips validation.
import type { Migration } from './types';

const ISO_DATE = (col: string) =>
  `${col} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`;
const HEX64 = (col: string) => `length(${col}) = 64 AND ${col} NOT GLOB '*[^0-9a-f]*'`;
const COUNTRY = (col: string) => `${col} GLOB '[A-Z][A-Z]'`;
const AUTHORIZATIONS = `'NOT_CONTROLLED','NLR','AIA','ACM','LPP','ACA','NAC','UVEU','NVEU','LICENSE'`;

export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE rule_packs (
        id            TEXT NOT NULL CHECK (id GLOB '[a-z0-9]*' AND length(id) BETWEEN 1 AND 200),
        version       INTEGER NOT NULL CHECK (version >= 1),
        mode          TEXT NOT NULL CHECK (mode IN ('as_written', 'enforced')),
        title         TEXT NOT NULL,
        issued        TEXT NOT NULL CHECK (${ISO_DATE('issued')}),
        coverage_from TEXT NOT NULL CHECK (${ISO_DATE('coverage_from')}),
        sha256        TEXT NOT NULL CHECK (${HEX64('sha256')}),
        key_id        TEXT NOT NULL CHECK (length(key_id) = 16 AND key_id NOT GLOB '*[^0-9a-f]*'),
        signed_json   TEXT NOT NULL CHECK (json_valid(signed_json)),
        imported_at   TEXT NOT NULL,
        PRIMARY KEY (id, version)
      ) WITHOUT ROWID;

      CREATE TRIGGER rule_packs_no_update BEFORE UPDATE ON rule_packs
      BEGIN SELECT RAISE(ABORT, 'rule packs are immutable: import a new version'); END;

      CREATE TABLE parties (
        id                  INTEGER PRIMARY KEY,
        name                TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 300),
        name_key            TEXT NOT NULL CHECK (length(name_key) >= 1),
        headquarters        TEXT NOT NULL CHECK (${COUNTRY('headquarters')}),
        ultimate_parent_hq  TEXT NOT NULL CHECK (${COUNTRY('ultimate_parent_hq')}),
        type                TEXT,
        created_at          TEXT NOT NULL,
        UNIQUE (name_key, headquarters, ultimate_parent_hq)
      );

      CREATE TABLE cases (
        id           INTEGER PRIMARY KEY,
        reference    TEXT,
        case_date    TEXT NOT NULL CHECK (${ISO_DATE('case_date')}),
        destination  TEXT NOT NULL CHECK (${COUNTRY('destination')}),
        mode         TEXT CHECK (mode IS NULL OR mode IN ('as_written', 'enforced')),
        status       TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'evaluated', 'shipped', 'archived')),
        outcome      TEXT CHECK (outcome IS NULL OR outcome IN ('license_required', 'no_license_required')),
        party_id     INTEGER NOT NULL REFERENCES parties(id),
        item_count   INTEGER NOT NULL CHECK (item_count >= 1),
        document     TEXT NOT NULL CHECK (json_valid(document)),
        sha256       TEXT NOT NULL UNIQUE CHECK (${HEX64('sha256')}),
        search_text  TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        CHECK (json_array_length(document, '$.items') = item_count)
      );
      CREATE INDEX cases_by_date ON cases (case_date, id);
      CREATE INDEX cases_by_status_date ON cases (status, case_date, id);
      CREATE INDEX cases_by_destination_date ON cases (destination, case_date, id);
      CREATE INDEX cases_by_outcome_date ON cases (outcome, case_date, id);
      CREATE INDEX cases_by_party ON cases (party_id);

      CREATE TABLE items (
        case_id          INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        idx              INTEGER NOT NULL CHECK (idx >= 0),
        kind             TEXT NOT NULL CHECK (kind IN ('ic', 'computer', 'model_weights', 'software', 'technology', 'other')),
        eccn             TEXT,
        description      TEXT,
        quantity         INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 1000000000),
        tpp_per_unit     REAL CHECK (tpp_per_unit IS NULL OR tpp_per_unit >= 0),
        total_tpp        REAL GENERATED ALWAYS AS (quantity * tpp_per_unit) VIRTUAL,
        datacenter       INTEGER CHECK (datacenter IS NULL OR datacenter IN (0, 1)),
        PRIMARY KEY (case_id, idx)
      ) WITHOUT ROWID;
      CREATE INDEX items_by_eccn ON items (eccn) WHERE eccn IS NOT NULL;
      CREATE INDEX items_by_kind ON items (kind);

      CREATE TABLE determinations (
        id                INTEGER PRIMARY KEY,
        case_id           INTEGER NOT NULL REFERENCES cases(id),
        case_sha256       TEXT NOT NULL CHECK (${HEX64('case_sha256')}),
        created_at        TEXT NOT NULL,
        as_of             TEXT NOT NULL CHECK (${ISO_DATE('as_of')}),
        document          TEXT NOT NULL CHECK (json_valid(document)),
        pack_refs         TEXT NOT NULL CHECK (json_valid(pack_refs)),
        license_required  INTEGER NOT NULL CHECK (license_required IN (0, 1)),
        authorizations    TEXT NOT NULL CHECK (json_valid(authorizations) AND json_type(authorizations) = 'array'),
        actor             TEXT NOT NULL
      );
      CREATE INDEX determinations_by_case ON determinations (case_id, id);

      CREATE TRIGGER determinations_no_update BEFORE UPDATE ON determinations
      BEGIN SELECT RAISE(ABORT, 'determinations are immutable: evaluate again to record a new one'); END;
      CREATE TRIGGER determinations_no_delete BEFORE DELETE ON determinations
      BEGIN SELECT RAISE(ABORT, 'determinations are immutable and are never deleted'); END;

      CREATE TABLE shipments (
        id             INTEGER PRIMARY KEY,
        ship_date      TEXT NOT NULL CHECK (${ISO_DATE('ship_date')}),
        destination    TEXT NOT NULL CHECK (${COUNTRY('destination')}),
        consignee      TEXT NOT NULL CHECK (length(trim(consignee)) BETWEEN 1 AND 300),
        consignee_key  TEXT NOT NULL CHECK (length(consignee_key) >= 1),
        tpp            REAL NOT NULL CHECK (tpp >= 0),
        authorization  TEXT NOT NULL CHECK (authorization IN (${AUTHORIZATIONS})),
        source         TEXT NOT NULL CHECK (source IN ('recorded', 'imported')),
        case_id        INTEGER REFERENCES cases(id),
        item_idx       INTEGER,
        import_sha256  TEXT CHECK (import_sha256 IS NULL OR (${HEX64('import_sha256')})),
        created_at     TEXT NOT NULL,
        CHECK ((source = 'recorded') = (case_id IS NOT NULL AND item_idx IS NOT NULL)),
        CHECK ((source = 'imported') = (import_sha256 IS NOT NULL)),
        UNIQUE (case_id, item_idx)
      );
      CREATE INDEX shipments_by_consignee_date ON shipments (consignee_key, ship_date);
      CREATE INDEX shipments_by_destination_date ON shipments (destination, ship_date);
      CREATE INDEX shipments_by_import ON shipments (import_sha256) WHERE import_sha256 IS NOT NULL;

      CREATE TABLE audit_log (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        at         TEXT NOT NULL,
        actor      TEXT NOT NULL CHECK (length(actor) >= 1),
        action     TEXT NOT NULL CHECK (action GLOB '[a-z]*.[a-z]*'),
        subject    TEXT NOT NULL,
        details    TEXT NOT NULL CHECK (json_valid(details)),
        prev_hash  TEXT NOT NULL CHECK (${HEX64('prev_hash')}),
        hash       TEXT NOT NULL UNIQUE CHECK (${HEX64('hash')})
      );
      CREATE INDEX audit_by_subject ON audit_log (subject, seq);

      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `);
  },
};
