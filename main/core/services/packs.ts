// Rule packs in the store: the built-in packs are installed on first open (and upgraded when a newer
// built-in version ships); imported packs are verified before they are stored; the active pack per mode
// is the newest stored version of its id, re-verified when it is loaded.
import type { EvaluationMode } from '../../../shared/domain/case';
import type { LoadedPack } from '../../../shared/domain/rulepack';
import type { PackSet } from '../../../shared/engine/types';
import { activePackRecord, insertPack, latestPack, type Db, type PackSummary } from '../db';
import { packTextOutOfBounds } from '../rulepacks/bounds';
import { admitPack, builtinPackTexts, loadTrustRoot, trustRootDir, verifyPackText, type PackError, type TrustedKey } from '../rulepacks';

export const ACTIVE_PACK_IDS: Record<EvaluationMode, string> = {
  as_written: 'us-bis.ai-diffusion.as-written',
  enforced: 'us-bis.ai-diffusion.enforced',
};

let trustCache: TrustedKey[] | null = null;
export function packTrust(): TrustedKey[] {
  trustCache ??= loadTrustRoot(trustRootDir());
  return trustCache;
}

export type ImportPackResult =
  | { ok: true; value: PackSummary & { created: boolean } }
  | { ok: false; error: PackError & { path?: string } };

export interface ImportPackOptions {
  actor: string;
  trust?: readonly TrustedKey[];
  /** Today (YYYY-MM-DD) for the admission checks; defaults to the machine's UTC date. */
  today?: string;
  /**
   * Run the admission checks (coverage against today, procedures, the engine on the corpus). Only the
   * built-in packs skip them: those are checked when they are built and by the test suite
   * (test/unit/rulepacks/admission.test.ts), and must install whatever this machine's clock says.
   */
  admit?: boolean;
}

/**
 * Verifies a signed pack file, checks that the engine can use it (admitPack: semantics, coverage, the
 * corpus) and stores it with its audit entry. Nothing is stored on any error.
 */
export function importPackText(db: Db, text: string, opts: ImportPackOptions): ImportPackResult {
  const trust = opts.trust ?? packTrust();
  let id: string | undefined;
  // verifyPackText bounds the text before it parses; this peek must not parse an unbounded one first.
  const bound = packTextOutOfBounds(text);
  if (bound) return { ok: false, error: { code: 'TOO_LARGE', message: `refused before parsing: ${bound}` } };
  try {
    const maybe = JSON.parse(text) as { id?: unknown };
    if (typeof maybe?.id === 'string') id = maybe.id;
  } catch {
    /* verifyPackText reports it */
  }
  const installed = id ? latestPack(db, id) : null;
  const v = verifyPackText(text, { trust, installed: installed ? { version: installed.version, sha256: installed.sha256 } : null });
  if (!v.ok) return { ok: false, error: v.error };
  if (opts.admit !== false && !(installed && installed.sha256 === v.pack.sha256)) {
    const refused = admitPack(v.pack, { today: opts.today ?? new Date().toISOString().slice(0, 10) });
    if (refused) return { ok: false, error: refused };
  }
  const stored = insertPack(db, text, { actor: opts.actor, expectedSha256: v.pack.sha256 });
  if (!stored.ok) return { ok: false, error: { code: 'INVALID_PACK', message: stored.error.message, path: stored.error.path } };
  return { ok: true, value: stored.value };
}

/** Installs the built-in packs that the store lacks or holds in an older version. */
export function installBuiltinPacks(db: Db, actor = 'tierline'): PackSummary[] {
  const installed: PackSummary[] = [];
  for (const { file, text } of builtinPackTexts()) {
    const id = (JSON.parse(text) as { id: string; version: number }).id;
    const current = latestPack(db, id);
    const version = (JSON.parse(text) as { version: number }).version;
    if (current && current.version >= version) continue;
    const r = importPackText(db, text, { actor, admit: false });
    if (!r.ok) throw new Error(`built-in pack ${file} refused: ${r.error.message}`);
    installed.push(r.value);
  }
  return installed;
}

const loaded = new Map<string, LoadedPack>();

/** The active pack of each mode (its newest version not deactivated), verified again from the stored signed text (the store is not trusted blindly). */
export function activePacks(db: Db, trust: readonly TrustedKey[] = packTrust()): PackSet {
  const out: Partial<PackSet> = {};
  for (const mode of Object.keys(ACTIVE_PACK_IDS) as EvaluationMode[]) {
    const rec = activePackRecord(db, ACTIVE_PACK_IDS[mode]);
    if (!rec) throw new Error(`no active rule pack ${ACTIVE_PACK_IDS[mode]} is installed`);
    let pack = loaded.get(rec.sha256);
    if (!pack) {
      const v = verifyPackText(rec.signedJson, { trust });
      if (!v.ok) throw new Error(`stored rule pack ${rec.id} v${rec.version} fails verification: ${v.error.message}`);
      pack = v.pack;
      loaded.set(rec.sha256, pack);
    }
    if (pack.body.mode !== mode) throw new Error(`pack ${rec.id} is for mode ${pack.body.mode}, not ${mode}`);
    out[mode] = pack;
  }
  return out as PackSet;
}
