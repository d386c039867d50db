// The user's trust list of office signing certificates and this installation's own signing identity.
// The crypto lives in main/core/identity; the store only keeps the blobs and their fingerprints.
import type { Migration } from './types';

export const migration0003: Migration = {
  version: 3,
  name: 'trust-identity',
  up(db) {
    db.exec(`
      CREATE TABLE trusted_keys (
        fingerprint  TEXT PRIMARY KEY
                       CHECK (length(fingerprint) BETWEEN 16 AND 128 AND fingerprint NOT GLOB '*[^0-9a-f]*'),
        subject      TEXT NOT NULL,
        pem          TEXT NOT NULL CHECK (pem LIKE '-----BEGIN CERTIFICATE-----%'),
        added_at     TEXT NOT NULL,
        removed_at   TEXT
      ) WITHOUT ROWID;

      CREATE TABLE signing_identity (
        id               INTEGER PRIMARY KEY CHECK (id = 1),
        p12              BLOB NOT NULL CHECK (length(p12) > 0),
        certificate_pem  TEXT NOT NULL CHECK (certificate_pem LIKE '-----BEGIN CERTIFICATE-----%'),
        fingerprint      TEXT NOT NULL
                           CHECK (length(fingerprint) BETWEEN 16 AND 128 AND fingerprint NOT GLOB '*[^0-9a-f]*'),
        created_at       TEXT NOT NULL
      );
    `);
  },
};
