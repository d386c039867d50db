// The officer's way out of a bad rule pack: a stored version can be deactivated (with a reason, audited),
// and the active pack of its id falls back to the newest version still active. The pack row itself is
// never changed or deleted, so the version counter (the highest stored version, which refuses rollback)
// never goes down. A deactivation is a record of its own, chained like every other.
import type { Migration } from './types';

export const migration0010: Migration = {
  version: 10,
  name: 'pack-deactivations',
  up(db) {
    db.exec(`
      CREATE TABLE pack_deactivations (
        pack_id         TEXT NOT NULL,
        version         INTEGER NOT NULL,
        reason          TEXT NOT NULL CHECK (length(trim(reason)) BETWEEN 1 AND 1000),
        actor           TEXT NOT NULL,
        deactivated_at  TEXT NOT NULL,
        PRIMARY KEY (pack_id, version),
        FOREIGN KEY (pack_id, version) REFERENCES rule_packs(id, version)
      ) WITHOUT ROWID;

      CREATE TRIGGER pack_deactivations_no_update BEFORE UPDATE ON pack_deactivations
      BEGIN SELECT RAISE(ABORT, 'a pack deactivation is a record: it is never changed'); END;
      CREATE TRIGGER pack_deactivations_no_delete BEFORE DELETE ON pack_deactivations
      BEGIN SELECT RAISE(ABORT, 'a pack deactivation is a record: it is never deleted'); END;
      CREATE TRIGGER rule_packs_no_delete BEFORE DELETE ON rule_packs
      BEGIN SELECT RAISE(ABORT, 'rule packs are never deleted: deactivate a version instead'); END;
    `);
  },
};
