// Signed rule packs as imported: the signed JSON text is kept byte for byte, with the sha256 of the
// canonical unsigned body that determinations cite. Verifying the signature is main/core/rulepacks' job.
import { parseJsonWith } from '../../../shared/domain/issues';
import { SignedRulePack, type EvaluationMode, type RulePackBody } from '../../../shared/domain/index';
import { appendAudit } from './audit-repo';
import { canonicalSha256, sha256Hex } from './hash';
import { recordRef } from './records';
import { abort, write } from './tx';
import { fail, nowIso, type Db, type Result, type WriteOptions } from './types';

export interface PackSummary {
  /** Set when the officer took this version out of use (the active pack falls back to an older one). */
  deactivated?: { at: string; reason: string } | null;
  id: string;
  version: number;
  mode: EvaluationMode;
  title: string;
  issued: string;
  coverageFrom: string;
  sha256: string;
  keyId: string;
  importedAt: string;
}

export interface PackRecord extends PackSummary {
  signedJson: string;
  pack: SignedRulePack;
}

interface PackRow {
  id: string;
  version: number;
  mode: EvaluationMode;
  title: string;
  issued: string;
  coverage_from: string;
  sha256: string;
  key_id: string;
  signed_json: string;
  imported_at: string;
}

const SUMMARY_COLUMNS = 'id, version, mode, title, issued, coverage_from, sha256, key_id, imported_at';

function toSummary(r: Omit<PackRow, 'signed_json'>): PackSummary {
  return {
    id: r.id,
    version: r.version,
    mode: r.mode,
    title: r.title,
    issued: r.issued,
    coverageFrom: r.coverage_from,
    sha256: r.sha256,
    keyId: r.key_id,
    importedAt: r.imported_at,
  };
}

function toRecord(r: PackRow): PackRecord {
  return { ...toSummary(r), signedJson: r.signed_json, pack: JSON.parse(r.signed_json) as SignedRulePack };
}

/** sha256 of the canonical JSON of the pack without its signature: the digest determinations cite. */
export function packBodySha256(pack: SignedRulePack | RulePackBody): string {
  const body: Record<string, unknown> = { ...pack };
  delete body.signature;
  return canonicalSha256(body);
}

/**
 * Stores a signed pack (the caller has verified its signature). Importing the same pack again returns
 * the stored one; a different pack under an existing id and version is a CONFLICT.
 */
export function insertPack(
  db: Db,
  signedJson: string,
  opts: WriteOptions & { expectedSha256?: string },
): Result<PackSummary & { created: boolean }> {
  const parsed = parseJsonWith(SignedRulePack, signedJson);
  if (!parsed.ok) {
    return fail('INVALID_INPUT', `not a signed rule pack: ${parsed.errors[0].message}`, parsed.errors[0].path, parsed.errors);
  }
  const pack = parsed.value;
  const sha256 = packBodySha256(pack);
  if (opts.expectedSha256 !== undefined && opts.expectedSha256 !== sha256) {
    return fail('SHA256_MISMATCH', `the pack body hashes to ${sha256}, not ${opts.expectedSha256}`);
  }
  return write(db, () => {
    const existing = getPack(db, pack.id, pack.version);
    if (existing) {
      if (existing.sha256 !== sha256) {
        abort('CONFLICT', `pack ${pack.id} version ${pack.version} is already stored with different content`, '$.version');
      }
      const { signedJson: _text, pack: _pack, ...summary } = existing;
      return { ...summary, created: false };
    }
    const importedAt = nowIso(opts);
    db.prepare(
      `INSERT INTO rule_packs (id, version, mode, title, issued, coverage_from, sha256, key_id, signed_json, imported_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(pack.id, pack.version, pack.mode, pack.title, pack.issued, pack.coverageFrom, sha256, pack.signature.keyId, signedJson, importedAt);
    appendAudit(
      db,
      {
        action: 'pack.imported',
        subject: `pack:${pack.id}@${pack.version}`,
        details: { id: pack.id, version: pack.version, mode: pack.mode, sha256, keyId: pack.signature.keyId },
        records: [recordRef(db, 'pack', `${pack.id}@${pack.version}`, { signed_json: sha256Hex(signedJson) })],
      },
      { ...opts, at: importedAt },
    );
    return {
      id: pack.id,
      version: pack.version,
      mode: pack.mode,
      title: pack.title,
      issued: pack.issued,
      coverageFrom: pack.coverageFrom,
      sha256,
      keyId: pack.signature.keyId,
      importedAt,
      created: true,
    };
  });
}

export function getPack(db: Db, id: string, version: number): PackRecord | null {
  const r = db.prepare('SELECT * FROM rule_packs WHERE id = ? AND version = ?').get(id, version) as PackRow | undefined;
  return r ? toRecord(r) : null;
}

export function getPackBySha256(db: Db, sha256: string): PackRecord | null {
  const r = db.prepare('SELECT * FROM rule_packs WHERE sha256 = ? LIMIT 1').get(sha256) as PackRow | undefined;
  return r ? toRecord(r) : null;
}

/**
 * The highest version of a pack id ever stored, deactivated or not: the version counter that refuses
 * rollback (an import older than it). Never lowered.
 */
export function latestPack(db: Db, id: string): PackRecord | null {
  const r = db.prepare('SELECT * FROM rule_packs WHERE id = ? ORDER BY version DESC LIMIT 1').get(id) as PackRow | undefined;
  return r ? toRecord(r) : null;
}

/** The version in use: the highest stored version of the id that has not been deactivated. */
export function activePackRecord(db: Db, id: string): PackRecord | null {
  const r = db
    .prepare(
      `SELECT p.* FROM rule_packs p
       WHERE p.id = ? AND NOT EXISTS (SELECT 1 FROM pack_deactivations d WHERE d.pack_id = p.id AND d.version = p.version)
       ORDER BY p.version DESC LIMIT 1`,
    )
    .get(id) as PackRow | undefined;
  return r ? toRecord(r) : null;
}

export interface PackDeactivation {
  id: string;
  version: number;
  reason: string;
  actor: string;
  deactivatedAt: string;
}

export function packDeactivation(db: Db, id: string, version: number): PackDeactivation | null {
  const r = db.prepare('SELECT pack_id, version, reason, actor, deactivated_at FROM pack_deactivations WHERE pack_id = ? AND version = ?').get(id, version) as
    | { pack_id: string; version: number; reason: string; actor: string; deactivated_at: string }
    | undefined;
  return r ? { id: r.pack_id, version: r.version, reason: r.reason, actor: r.actor, deactivatedAt: r.deactivated_at } : null;
}

/**
 * Takes a stored pack version out of use, with the officer's reason; the active pack of the id falls
 * back to the newest version still active. The pack stays stored and the version counter stays where
 * it is, so importing an older version is still refused as a rollback. Refused when the version is not
 * stored, is already deactivated, or is the last active version of its id (evaluation needs one).
 */
export function deactivatePack(
  db: Db,
  input: { id: string; version: number; reason: string },
  opts: WriteOptions,
): Result<PackDeactivation & { fallback: { version: number; sha256: string } }> {
  const reason = input.reason.trim();
  if (reason.length === 0) return fail('INVALID_INPUT', 'give the reason for deactivating the pack (--reason TEXT)', '$.reason');
  if (reason.length > 1000) return fail('INVALID_INPUT', `the reason has ${reason.length} characters; at most 1000`, '$.reason');
  return write(db, () => {
    const pack = getPack(db, input.id, input.version);
    if (!pack) abort('NOT_FOUND', `pack ${input.id} version ${input.version} is not installed`, '$.version');
    if (packDeactivation(db, input.id, input.version)) abort('CONFLICT', `pack ${input.id} version ${input.version} is already deactivated`, '$.version');
    const fallback = db
      .prepare(
        `SELECT version, sha256 FROM rule_packs p
         WHERE p.id = ? AND p.version <> ? AND NOT EXISTS (SELECT 1 FROM pack_deactivations d WHERE d.pack_id = p.id AND d.version = p.version)
         ORDER BY p.version DESC LIMIT 1`,
      )
      .get(input.id, input.version) as { version: number; sha256: string } | undefined;
    if (!fallback) {
      abort('CONFLICT', `pack ${input.id} version ${input.version} is the only active version of its id: there is nothing to fall back to; import a corrected newer version instead`, '$.version');
    }
    const at = nowIso(opts);
    db.prepare('INSERT INTO pack_deactivations (pack_id, version, reason, actor, deactivated_at) VALUES (?, ?, ?, ?, ?)').run(input.id, input.version, reason, opts.actor, at);
    const wasActive = activePackRecord(db, input.id);
    appendAudit(
      db,
      {
        action: 'pack.deactivated',
        subject: `pack:${input.id}@${input.version}`,
        details: { id: input.id, version: input.version, sha256: pack.sha256, reason, activeVersion: wasActive?.version ?? null },
        records: [recordRef(db, 'pack-deactivation', `${input.id}@${input.version}`)],
      },
      { ...opts, at },
    );
    return { id: input.id, version: input.version, reason, actor: opts.actor, deactivatedAt: at, fallback };
  });
}

/** Every stored pack (without its text), by id then newest version first. */
export function listPacks(db: Db, filter: { id?: string; mode?: EvaluationMode } = {}): PackSummary[] {
  const rows = db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM rule_packs
       WHERE (@id IS NULL OR id = @id) AND (@mode IS NULL OR mode = @mode)
       ORDER BY id, version DESC`,
    )
    .all({ id: filter.id ?? null, mode: filter.mode ?? null }) as Omit<PackRow, 'signed_json'>[];
  const off = new Map(
    (db.prepare('SELECT pack_id, version, reason, deactivated_at FROM pack_deactivations').all() as { pack_id: string; version: number; reason: string; deactivated_at: string }[]).map((d) => [
      `${d.pack_id}@${d.version}`,
      { at: d.deactivated_at, reason: d.reason },
    ]),
  );
  return rows.map((r) => ({ ...toSummary(r), deactivated: off.get(`${r.id}@${r.version}`) ?? null }));
}
