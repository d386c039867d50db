// Determinations stored compactly (main/core/db/determination-parts.ts): the values that documents
// repeat (trace steps, obligations, warnings, regime texts, rule-pack references) are kept once each in
// determination_parts, append-only like the determinations that name them. Existing documents are
// rewritten in place, each only if expanding it gives back its stored text byte for byte; the audit
// chain's digest of every determination is of that expanded text, so the chain needs no new seal and
// `audit verify` proves the rewrite lossless. The determinations table keeps its CHECKs, foreign keys
// and indexes; its no-update trigger is lifted for the rewrite and put back as it was.
import { compactStoredText } from '../determination-parts';
import type { Migration } from './types';

export const migration0011: Migration = {
  version: 11,
  name: 'determination-parts',
  up(db) {
    db.exec(`
      CREATE TABLE determination_parts (
        id     INTEGER PRIMARY KEY,
        hash   INTEGER NOT NULL,
        value  TEXT NOT NULL CHECK (json_valid(value))
      );
      CREATE INDEX determination_parts_by_hash ON determination_parts (hash);

      CREATE TRIGGER determination_parts_no_update BEFORE UPDATE ON determination_parts
      BEGIN SELECT RAISE(ABORT, 'determination parts are immutable: they belong to immutable determinations'); END;
      CREATE TRIGGER determination_parts_no_delete BEFORE DELETE ON determination_parts
      BEGIN SELECT RAISE(ABORT, 'determination parts are never deleted'); END;

      DROP TRIGGER determinations_no_update;
    `);
    const update = db.prepare('UPDATE determinations SET document = ? WHERE id = ?');
    for (const [id, text, caseSha256, asOf] of db.prepare('SELECT id, document, case_sha256, as_of FROM determinations ORDER BY id').raw().all() as [number, string, string, string][]) {
      const compact = compactStoredText(db, text, { caseSha256, asOf });
      if (compact !== text) update.run(compact, id);
    }
    db.exec(`
      CREATE TRIGGER determinations_no_update BEFORE UPDATE ON determinations
      BEGIN SELECT RAISE(ABORT, 'determinations are immutable: evaluate again to record a new one'); END;
    `);
  },
};
