CREATE INDEX audit_by_subject ON audit_log (subject, seq);

CREATE INDEX case_item_products_by_product ON case_item_products (product_id) WHERE product_id IS NOT NULL;

CREATE INDEX cases_by_date ON cases (case_date, id);

CREATE INDEX cases_by_destination_date ON cases (destination, case_date, id);

CREATE INDEX cases_by_destination_outcome_date ON cases (destination, outcome, case_date, id);

CREATE INDEX cases_by_destination_status_date ON cases (destination, status, case_date, id);

CREATE INDEX cases_by_outcome_date ON cases (outcome, case_date, id);

CREATE INDEX cases_by_party ON cases (party_id);

CREATE INDEX cases_by_status_date ON cases (status, case_date, id);

CREATE INDEX determination_parts_by_hash ON determination_parts (hash);

CREATE INDEX determinations_by_case ON determinations (case_id, id);

CREATE INDEX items_by_eccn ON items (eccn) WHERE eccn IS NOT NULL;

CREATE INDEX items_by_kind ON items (kind);

CREATE INDEX letters_by_case ON letters (case_id, id);

CREATE INDEX letters_by_status ON letters (status, id);

CREATE INDEX license_drawdowns_by_line ON license_drawdowns (license_id, item_idx);

CREATE INDEX licenses_by_end_user ON licenses (end_user_key, destination);

CREATE INDEX list_entries_by_key ON list_entries (list_code, entry_id);

CREATE INDEX screening_decisions_lookup ON screening_decisions (party_key, list_code, entry_id);

CREATE INDEX shipments_by_case ON shipments (case_id, item_idx) WHERE case_id IS NOT NULL;

CREATE INDEX shipments_by_consignee_date ON shipments (consignee_key, ship_date);

CREATE INDEX shipments_by_destination_date ON shipments (destination, ship_date);

CREATE INDEX shipments_by_import ON shipments (import_sha256) WHERE import_sha256 IS NOT NULL;

CREATE INDEX shipments_sum_by_consignee ON shipments (consignee_key, authorization, ship_date, destination, tpp, case_id);

CREATE INDEX shipments_sum_by_destination ON shipments (destination, authorization, ship_date, tpp, case_id);

CREATE TABLE audit_log (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        at         TEXT NOT NULL,
        actor      TEXT NOT NULL CHECK (length(actor) >= 1),
        action     TEXT NOT NULL CHECK (action GLOB '[a-z]*.[a-z]*'),
        subject    TEXT NOT NULL,
        details    TEXT NOT NULL CHECK (json_valid(details)),
        prev_hash  TEXT NOT NULL CHECK (length(prev_hash) = 64 AND prev_hash NOT GLOB '*[^0-9a-f]*'),
        hash       TEXT NOT NULL UNIQUE CHECK (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*')
      );

CREATE TABLE case_item_products (
        case_sha256     TEXT NOT NULL CHECK (length(case_sha256) = 64 AND case_sha256 NOT GLOB '*[^0-9a-f]*'),
        idx             INTEGER NOT NULL CHECK (idx >= 0),
        part_number     TEXT NOT NULL,
        product_id      INTEGER REFERENCES products(id),
        builtin         INTEGER NOT NULL CHECK (builtin IN (0, 1)),
        version         INTEGER NOT NULL CHECK (version >= 1),
        product_sha256  TEXT NOT NULL CHECK (length(product_sha256) = 64 AND product_sha256 NOT GLOB '*[^0-9a-f]*'),
        CHECK ((builtin = 1) = (product_id IS NULL)),
        PRIMARY KEY (case_sha256, idx)
      ) WITHOUT ROWID;

CREATE TABLE cases (
        id           INTEGER PRIMARY KEY,
        reference    TEXT,
        case_date    TEXT NOT NULL CHECK (case_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        destination  TEXT NOT NULL CHECK (destination GLOB '[A-Z][A-Z]'),
        mode         TEXT CHECK (mode IS NULL OR mode IN ('as_written', 'enforced')),
        status       TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'evaluated', 'shipped', 'archived')),
        outcome      TEXT CHECK (outcome IS NULL OR outcome IN ('license_required', 'no_license_required')),
        party_id     INTEGER NOT NULL REFERENCES parties(id),
        item_count   INTEGER NOT NULL CHECK (item_count >= 1),
        document     TEXT NOT NULL CHECK (json_valid(document)),
        sha256       TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
        search_text  TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        CHECK (json_array_length(document, '$.items') = item_count)
      );

CREATE VIRTUAL TABLE cases_search USING fts5(
        search_text, content = 'cases', content_rowid = 'id', tokenize = 'trigram'
      );

CREATE TABLE 'cases_search_config'(k PRIMARY KEY, v) WITHOUT ROWID;

CREATE TABLE 'cases_search_data'(id INTEGER PRIMARY KEY, block BLOB);

CREATE TABLE 'cases_search_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

CREATE TABLE 'cases_search_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

CREATE TABLE determination_parts (
        id     INTEGER PRIMARY KEY,
        hash   INTEGER NOT NULL,
        value  TEXT NOT NULL CHECK (json_valid(value))
      );

CREATE TABLE determinations (
        id                INTEGER PRIMARY KEY,
        case_id           INTEGER NOT NULL REFERENCES cases(id),
        case_sha256       TEXT NOT NULL CHECK (length(case_sha256) = 64 AND case_sha256 NOT GLOB '*[^0-9a-f]*'),
        created_at        TEXT NOT NULL,
        as_of             TEXT NOT NULL CHECK (as_of GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        document          TEXT NOT NULL CHECK (json_valid(document)),
        pack_refs         TEXT NOT NULL CHECK (json_valid(pack_refs)),
        license_required  INTEGER NOT NULL CHECK (license_required IN (0, 1)),
        authorizations    TEXT NOT NULL CHECK (json_valid(authorizations) AND json_type(authorizations) = 'array'),
        actor             TEXT NOT NULL
      );

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

CREATE TABLE letters (
        id                 INTEGER PRIMARY KEY,
        number             TEXT NOT NULL UNIQUE
                             CHECK (number GLOB 'TL-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]'),
        year               INTEGER NOT NULL CHECK (year BETWEEN 1000 AND 9999),
        seq                INTEGER NOT NULL CHECK (seq BETWEEN 1 AND 999999),
        case_id            INTEGER NOT NULL REFERENCES cases(id),
        determination_id   INTEGER NOT NULL REFERENCES determinations(id),
        pdf_sha256         TEXT NOT NULL CHECK (length(pdf_sha256) = 64 AND pdf_sha256 NOT GLOB '*[^0-9a-f]*'),
        pdf                BLOB NOT NULL CHECK (length(pdf) > 0),
        status             TEXT NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'void', 'superseded')),
        superseded_by      INTEGER REFERENCES letters(id),
        void_reason        TEXT,
        issued_at          TEXT NOT NULL,
        officer            TEXT NOT NULL CHECK (length(trim(officer)) >= 1),
        status_changed_at  TEXT,
        UNIQUE (year, seq),
        CHECK (number = printf('TL-%04d-%06d', year, seq)),
        CHECK (status <> 'void' OR length(trim(void_reason)) >= 1),
        CHECK ((status = 'superseded') = (superseded_by IS NOT NULL)),
        CHECK (superseded_by IS NULL OR superseded_by <> id)
      );

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

CREATE TABLE license_items (
        license_id      INTEGER NOT NULL REFERENCES licenses(id),
        idx             INTEGER NOT NULL CHECK (idx >= 0),
        eccn            TEXT NOT NULL,
        quantity        INTEGER NOT NULL CHECK (quantity >= 1),
        tpp_limit       REAL CHECK (tpp_limit IS NULL OR tpp_limit > 0),
        value_limit_usd REAL CHECK (value_limit_usd IS NULL OR value_limit_usd > 0),
        PRIMARY KEY (license_id, idx)
      ) WITHOUT ROWID;

CREATE TABLE licenses (
        id                INTEGER PRIMARY KEY,
        number            TEXT NOT NULL UNIQUE CHECK (length(number) BETWEEN 3 AND 40),
        issued            TEXT NOT NULL CHECK (issued GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        expires           TEXT NOT NULL CHECK (expires GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND expires >= issued),
        destination       TEXT NOT NULL CHECK (destination GLOB '[A-Z][A-Z]'),
        end_user_key      TEXT NOT NULL CHECK (length(end_user_key) >= 1),
        consignee_key     TEXT NOT NULL CHECK (length(consignee_key) >= 1),
        determination_id  INTEGER REFERENCES determinations(id),
        document          TEXT NOT NULL CHECK (json_valid(document)),
        sha256            TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
        created_at        TEXT NOT NULL
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

CREATE TABLE list_index (
        snapshot_id INTEGER PRIMARY KEY REFERENCES list_snapshots (id),
        version     INTEGER NOT NULL,
        data        BLOB NOT NULL,
        build_ms    REAL NOT NULL
      );

CREATE TABLE list_names (
        snapshot_id INTEGER NOT NULL REFERENCES list_snapshots (id),
        form_id     INTEGER NOT NULL,
        entry_idx   INTEGER NOT NULL,
        name        TEXT NOT NULL,
        how         TEXT NOT NULL,
        tokens      TEXT NOT NULL,
        PRIMARY KEY (snapshot_id, form_id)
      ) WITHOUT ROWID;

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

CREATE TABLE list_token_deletes (
        snapshot_id INTEGER NOT NULL REFERENCES list_snapshots (id),
        key         TEXT NOT NULL,
        token_id    INTEGER NOT NULL,
        PRIMARY KEY (snapshot_id, key, token_id)
      ) WITHOUT ROWID;

CREATE TABLE pack_deactivations (
        pack_id         TEXT NOT NULL,
        version         INTEGER NOT NULL,
        reason          TEXT NOT NULL CHECK (length(trim(reason)) BETWEEN 1 AND 1000),
        actor           TEXT NOT NULL,
        deactivated_at  TEXT NOT NULL,
        PRIMARY KEY (pack_id, version),
        FOREIGN KEY (pack_id, version) REFERENCES rule_packs(id, version)
      ) WITHOUT ROWID;

CREATE TABLE parties (
        id                  INTEGER PRIMARY KEY,
        name                TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 300),
        name_key            TEXT NOT NULL CHECK (length(name_key) >= 1),
        headquarters        TEXT NOT NULL CHECK (headquarters GLOB '[A-Z][A-Z]'),
        ultimate_parent_hq  TEXT NOT NULL CHECK (ultimate_parent_hq GLOB '[A-Z][A-Z]'),
        type                TEXT,
        created_at          TEXT NOT NULL,
        UNIQUE (name_key, headquarters, ultimate_parent_hq)
      );

CREATE TABLE products (
        id                   INTEGER PRIMARY KEY,
        part_number          TEXT NOT NULL CHECK (length(trim(part_number)) BETWEEN 1 AND 100),
        part_key             TEXT NOT NULL CHECK (length(part_key) >= 1),
        version              INTEGER NOT NULL CHECK (version >= 1),
        description          TEXT,
        kind                 TEXT NOT NULL CHECK (kind IN ('ic', 'computer', 'model_weights', 'software', 'technology', 'other')),
        eccn                 TEXT,
        tpp_per_unit         REAL CHECK (tpp_per_unit IS NULL OR tpp_per_unit >= 0),
        performance_density  REAL CHECK (performance_density IS NULL OR performance_density >= 0),
        die_area_mm2         REAL CHECK (die_area_mm2 IS NULL OR die_area_mm2 > 0),
        ics                  TEXT CHECK (ics IS NULL OR (json_valid(ics) AND json_type(ics) = 'array')),
        datacenter           INTEGER CHECK (datacenter IS NULL OR datacenter IN (0, 1)),
        approved_designer    INTEGER CHECK (approved_designer IS NULL OR approved_designer IN (0, 1)),
        dram_bandwidth_gbs   REAL CHECK (dram_bandwidth_gbs IS NULL OR dram_bandwidth_gbs >= 0),
        source               TEXT NOT NULL CHECK (length(trim(source)) >= 1),
        note                 TEXT,
        sha256               TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
        created_at           TEXT NOT NULL,
        actor                TEXT NOT NULL,
        UNIQUE (part_key, version)
      );

CREATE TABLE rule_packs (
        id            TEXT NOT NULL CHECK (id GLOB '[a-z0-9]*' AND length(id) BETWEEN 1 AND 200),
        version       INTEGER NOT NULL CHECK (version >= 1),
        mode          TEXT NOT NULL CHECK (mode IN ('as_written', 'enforced')),
        title         TEXT NOT NULL,
        issued        TEXT NOT NULL CHECK (issued GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        coverage_from TEXT NOT NULL CHECK (coverage_from GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        sha256        TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
        key_id        TEXT NOT NULL CHECK (length(key_id) = 16 AND key_id NOT GLOB '*[^0-9a-f]*'),
        signed_json   TEXT NOT NULL CHECK (json_valid(signed_json)),
        imported_at   TEXT NOT NULL,
        PRIMARY KEY (id, version)
      ) WITHOUT ROWID;

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

CREATE TABLE screening_settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

CREATE TABLE "shipments" (
        id             INTEGER PRIMARY KEY,
        ship_date      TEXT NOT NULL CHECK (ship_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        destination    TEXT NOT NULL CHECK (destination GLOB '[A-Z][A-Z]'),
        consignee      TEXT NOT NULL CHECK (length(trim(consignee)) BETWEEN 1 AND 300),
        consignee_key  TEXT NOT NULL CHECK (length(consignee_key) >= 1),
        tpp            REAL NOT NULL,
        authorization  TEXT NOT NULL CHECK (authorization IN ('NOT_CONTROLLED','NLR','AIA','ACM','LPP','ACA','NAC','UVEU','NVEU','LICENSE')),
        source         TEXT NOT NULL CHECK (source IN ('recorded', 'imported', 'reversal')),
        case_id        INTEGER REFERENCES cases(id),
        item_idx       INTEGER,
        import_sha256  TEXT CHECK (import_sha256 IS NULL OR (length(import_sha256) = 64 AND import_sha256 NOT GLOB '*[^0-9a-f]*')),
        reverses_id    INTEGER UNIQUE REFERENCES "shipments"(id),
        reason         TEXT CHECK (reason IS NULL OR length(trim(reason)) BETWEEN 1 AND 1000),
        created_at     TEXT NOT NULL,
        CHECK ((source = 'reversal') = (reverses_id IS NOT NULL)),
        CHECK (source <> 'reversal' OR (reason IS NOT NULL AND tpp <= 0)),
        CHECK (source = 'reversal' OR tpp >= 0),
        CHECK (source <> 'recorded' OR (case_id IS NOT NULL AND item_idx IS NOT NULL)),
        CHECK (source <> 'imported' OR (import_sha256 IS NOT NULL AND case_id IS NULL))
      );

CREATE TABLE signing_identity (
        id               INTEGER PRIMARY KEY CHECK (id = 1),
        p12              BLOB NOT NULL CHECK (length(p12) > 0),
        certificate_pem  TEXT NOT NULL CHECK (certificate_pem LIKE '-----BEGIN CERTIFICATE-----%'),
        fingerprint      TEXT NOT NULL
                           CHECK (length(fingerprint) BETWEEN 16 AND 128 AND fingerprint NOT GLOB '*[^0-9a-f]*'),
        created_at       TEXT NOT NULL
      );

CREATE TABLE trusted_keys (
        fingerprint  TEXT PRIMARY KEY
                       CHECK (length(fingerprint) BETWEEN 16 AND 128 AND fingerprint NOT GLOB '*[^0-9a-f]*'),
        subject      TEXT NOT NULL,
        pem          TEXT NOT NULL CHECK (pem LIKE '-----BEGIN CERTIFICATE-----%'),
        added_at     TEXT NOT NULL,
        removed_at   TEXT
      ) WITHOUT ROWID;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TRIGGER cases_search_delete AFTER DELETE ON cases BEGIN
        INSERT INTO cases_search (cases_search, rowid, search_text) VALUES ('delete', OLD.id, OLD.search_text);
      END;

CREATE TRIGGER cases_search_insert AFTER INSERT ON cases BEGIN
        INSERT INTO cases_search (rowid, search_text) VALUES (NEW.id, NEW.search_text);
      END;

CREATE TRIGGER cases_search_update AFTER UPDATE OF search_text ON cases BEGIN
        INSERT INTO cases_search (cases_search, rowid, search_text) VALUES ('delete', OLD.id, OLD.search_text);
        INSERT INTO cases_search (rowid, search_text) VALUES (NEW.id, NEW.search_text);
      END;

CREATE TRIGGER determination_parts_no_delete BEFORE DELETE ON determination_parts
      BEGIN SELECT RAISE(ABORT, 'determination parts are never deleted'); END;

CREATE TRIGGER determination_parts_no_update BEFORE UPDATE ON determination_parts
      BEGIN SELECT RAISE(ABORT, 'determination parts are immutable: they belong to immutable determinations'); END;

CREATE TRIGGER determinations_no_delete BEFORE DELETE ON determinations
      BEGIN SELECT RAISE(ABORT, 'determinations are immutable and are never deleted'); END;

CREATE TRIGGER determinations_no_update BEFORE UPDATE ON determinations
      BEGIN SELECT RAISE(ABORT, 'determinations are immutable: evaluate again to record a new one'); END;

CREATE TRIGGER letters_gapless BEFORE INSERT ON letters
      WHEN NEW.seq <> (SELECT coalesce(max(seq), 0) + 1 FROM letters WHERE year = NEW.year)
      BEGIN SELECT RAISE(ABORT, 'letter numbers are gapless: this is not the next number of its year'); END;

CREATE TRIGGER letters_issued_only BEFORE INSERT ON letters
      WHEN NEW.status <> 'issued'
      BEGIN SELECT RAISE(ABORT, 'a letter is inserted as issued'); END;

CREATE TRIGGER letters_no_delete BEFORE DELETE ON letters
      BEGIN SELECT RAISE(ABORT, 'letters are never deleted: void or supersede them'); END;

CREATE TRIGGER letters_status_only BEFORE UPDATE ON letters
      WHEN NOT (
        OLD.status = 'issued' AND NEW.status IN ('void', 'superseded')
        AND NEW.id IS OLD.id AND NEW.number IS OLD.number AND NEW.year IS OLD.year AND NEW.seq IS OLD.seq
        AND NEW.case_id IS OLD.case_id AND NEW.determination_id IS OLD.determination_id
        AND NEW.pdf_sha256 IS OLD.pdf_sha256 AND NEW.pdf IS OLD.pdf
        AND NEW.issued_at IS OLD.issued_at AND NEW.officer IS OLD.officer
        AND NEW.status_changed_at IS NOT NULL
        AND ((NEW.status = 'void' AND NEW.superseded_by IS NULL AND NEW.void_reason IS NOT NULL)
          OR (NEW.status = 'superseded' AND NEW.superseded_by IS NOT NULL AND NEW.void_reason IS NULL))
      )
      BEGIN SELECT RAISE(ABORT, 'a letter can only go from issued to void or to superseded'); END;

CREATE TRIGGER license_drawdowns_no_delete BEFORE DELETE ON license_drawdowns
      BEGIN SELECT RAISE(ABORT, 'a drawdown is never deleted: reverse the shipment instead'); END;

CREATE TRIGGER license_drawdowns_no_update BEFORE UPDATE ON license_drawdowns
      BEGIN SELECT RAISE(ABORT, 'a drawdown is never edited: reverse the shipment instead'); END;

CREATE TRIGGER license_items_no_delete BEFORE DELETE ON license_items
      BEGIN SELECT RAISE(ABORT, 'licenses are records and are never deleted'); END;

CREATE TRIGGER license_items_no_update BEFORE UPDATE ON license_items
      BEGIN SELECT RAISE(ABORT, 'licenses are records: add the amended license under its own number'); END;

CREATE TRIGGER licenses_no_delete BEFORE DELETE ON licenses
      BEGIN SELECT RAISE(ABORT, 'licenses are records and are never deleted'); END;

CREATE TRIGGER licenses_no_update BEFORE UPDATE ON licenses
      BEGIN SELECT RAISE(ABORT, 'licenses are records: add the amended license under its own number'); END;

CREATE TRIGGER list_entries_immutable BEFORE UPDATE ON list_entries BEGIN
        SELECT RAISE(ABORT, 'list entries are immutable');
      END;

CREATE TRIGGER list_entries_kept BEFORE DELETE ON list_entries BEGIN
        SELECT RAISE(ABORT, 'list entries are kept');
      END;

CREATE TRIGGER list_snapshots_immutable BEFORE UPDATE ON list_snapshots BEGIN
        SELECT RAISE(ABORT, 'list snapshots are immutable');
      END;

CREATE TRIGGER list_snapshots_kept BEFORE DELETE ON list_snapshots BEGIN
        SELECT RAISE(ABORT, 'list snapshots are kept');
      END;

CREATE TRIGGER pack_deactivations_no_delete BEFORE DELETE ON pack_deactivations
      BEGIN SELECT RAISE(ABORT, 'a pack deactivation is a record: it is never deleted'); END;

CREATE TRIGGER pack_deactivations_no_update BEFORE UPDATE ON pack_deactivations
      BEGIN SELECT RAISE(ABORT, 'a pack deactivation is a record: it is never changed'); END;

CREATE TRIGGER products_no_delete BEFORE DELETE ON products
      BEGIN SELECT RAISE(ABORT, 'catalogue versions are never deleted: stored cases refer to them'); END;

CREATE TRIGGER products_no_update BEFORE UPDATE ON products
      BEGIN SELECT RAISE(ABORT, 'catalogue versions are immutable: an edit adds the next version'); END;

CREATE TRIGGER rule_packs_no_delete BEFORE DELETE ON rule_packs
      BEGIN SELECT RAISE(ABORT, 'rule packs are never deleted: deactivate a version instead'); END;

CREATE TRIGGER rule_packs_no_update BEFORE UPDATE ON rule_packs
      BEGIN SELECT RAISE(ABORT, 'rule packs are immutable: import a new version'); END;

CREATE TRIGGER screening_decisions_immutable BEFORE UPDATE ON screening_decisions BEGIN
        SELECT RAISE(ABORT, 'screening decisions are immutable; record a new one');
      END;

CREATE TRIGGER screening_decisions_kept BEFORE DELETE ON screening_decisions BEGIN
        SELECT RAISE(ABORT, 'screening decisions are kept');
      END;

CREATE TRIGGER shipments_no_delete BEFORE DELETE ON shipments
      BEGIN SELECT RAISE(ABORT, 'recorded shipments are never deleted: record a reversing entry with a reason'); END;

CREATE TRIGGER shipments_no_update BEFORE UPDATE ON shipments
      BEGIN SELECT RAISE(ABORT, 'recorded shipments are never edited: record a reversing entry with a reason'); END;
