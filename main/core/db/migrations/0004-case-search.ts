// Substring search over cases (reference, end user, ECCNs) through an FTS5 trigram index, so a search
// at 100k cases reads a few index pages instead of scanning every row. Kept in step by triggers.
import type { Migration } from './types';

export const migration0004: Migration = {
  version: 4,
  name: 'case-search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE cases_search USING fts5(
        search_text, content = 'cases', content_rowid = 'id', tokenize = 'trigram'
      );
      INSERT INTO cases_search (rowid, search_text) SELECT id, search_text FROM cases;

      CREATE TRIGGER cases_search_insert AFTER INSERT ON cases BEGIN
        INSERT INTO cases_search (rowid, search_text) VALUES (NEW.id, NEW.search_text);
      END;
      CREATE TRIGGER cases_search_update AFTER UPDATE OF search_text ON cases BEGIN
        INSERT INTO cases_search (cases_search, rowid, search_text) VALUES ('delete', OLD.id, OLD.search_text);
        INSERT INTO cases_search (rowid, search_text) VALUES (NEW.id, NEW.search_text);
      END;
      CREATE TRIGGER cases_search_delete AFTER DELETE ON cases BEGIN
        INSERT INTO cases_search (cases_search, rowid, search_text) VALUES ('delete', OLD.id, OLD.search_text);
      END;
    `);
  },
};
