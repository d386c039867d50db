// Letters are issued records: numbered without gaps per year, never edited or deleted. The triggers
// allow exactly two changes, issued→void (with a reason) and issued→superseded (by another letter).
import type { Migration } from './types';

export const migration0002: Migration = {
  version: 2,
  name: 'letters',
  up(db) {
    db.exec(`
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
      CREATE INDEX letters_by_case ON letters (case_id, id);
      CREATE INDEX letters_by_status ON letters (status, id);

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
    `);
  },
};
