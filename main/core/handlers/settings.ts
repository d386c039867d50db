// identity.* and trust.*: this installation's signing identity (created here, sealed with a passphrase)
// and the trust list that letter verification uses. preferences.*: the workbench's few choices (letter
// paper), in a small JSON file in the data folder: the browser mode's origin changes with its port, so the
// page's own storage would forget them at the next launch.
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listTrustedKeys, removeTrustedKey } from '../db';
import { createIdentity, IdentityError, loadStoredIdentity, saveIdentity, trustCertificatePem, trustPemOf } from '../identity';
import { Preferences, type IdentityView } from '../../../shared/ipc/contract';
import { err, ok } from '../../../shared/ipc/result';
import type { HandlerContext } from './context';
import { fromDbError, storeOf } from './store';
import type { Handlers } from './types';

/** X.509 subject values arrive with RFC 4514 escapes ("Office\\, Example Corp"); show them as written. */
function unescapeDn(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

/** The certificate's common name: the signer PDF readers show. */
function signerOf(certificatePem: string): string | null {
  try {
    const cn = /(?:^|\n)CN=([^\n]+)/.exec(new X509Certificate(certificatePem).subject)?.[1];
    return cn ? unescapeDn(cn) : null;
  } catch {
    return null;
  }
}

function view(ctx: HandlerContext): IdentityView {
  const r = loadStoredIdentity(storeOf(ctx));
  return r
    ? { configured: true, office: r.office.name, signer: signerOf(r.certificatePem), fingerprint: r.fingerprint, createdAt: r.createdAt }
    : { configured: false, office: null, signer: null, fingerprint: null, createdAt: null };
}

const PREFERENCES_FILE = 'preferences.json';
const NO_PREFERENCES: Preferences = { letterPageSize: null };

/** The stored preferences; a missing or unreadable file is the defaults (a preference is never worth an error). */
function readPreferences(ctx: HandlerContext): Preferences {
  const file = join(ctx.dataDir, PREFERENCES_FILE);
  if (!existsSync(file)) return NO_PREFERENCES;
  try {
    const parsed = Preferences.partial().safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? { ...NO_PREFERENCES, ...parsed.data } : NO_PREFERENCES;
  } catch {
    return NO_PREFERENCES;
  }
}

function writePreferences(ctx: HandlerContext, prefs: Preferences): void {
  mkdirSync(ctx.dataDir, { recursive: true });
  const file = join(ctx.dataDir, PREFERENCES_FILE);
  // Written beside and renamed over: a crash leaves the old file or the new one, never half of one.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(prefs, null, 2)}\n`);
  renameSync(tmp, file);
}

export const settingsHandlers: Handlers<'identity.get' | 'identity.create' | 'identity.certificate' | 'preferences.get' | 'preferences.set' | 'trust.list' | 'trust.add' | 'trust.remove'> = {
  'preferences.get': (_in, ctx) => ok(readPreferences(ctx)),
  'preferences.set': (changes, ctx) => {
    const next: Preferences = { ...readPreferences(ctx) };
    if (changes.letterPageSize !== undefined) next.letterPageSize = changes.letterPageSize;
    writePreferences(ctx, next);
    return ok(next);
  },
  'identity.get': (_in, ctx) => ok(view(ctx)),
  'identity.create': ({ office, unit, country, signer, passphrase }, ctx) => {
    const db = storeOf(ctx);
    if (loadStoredIdentity(db)) return err('CONFLICT', 'This installation already has a signing identity; letters already issued name it.');
    let record;
    try {
      record = createIdentity({ office: { name: office, unit, country }, signer, passphrase });
    } catch (e) {
      if (e instanceof IdentityError && e.code === 'WEAK_PASSPHRASE') return err('INVALID_INPUT', `${e.message[0].toUpperCase()}${e.message.slice(1)}.`, { path: '$.passphrase' });
      throw e;
    }
    const saved = saveIdentity(db, record, { actor: ctx.actor });
    if (!saved.ok) return fromDbError(saved.error);
    return ok(view(ctx));
  },
  'identity.certificate': (_in, ctx) => {
    const r = loadStoredIdentity(storeOf(ctx));
    if (!r) return err('UNAVAILABLE', 'There is no signing identity yet. Create one first.');
    const slug = r.office.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'office';
    return ok({ fileName: `${slug}.tierline-cert.pem`, pem: trustPemOf(r) });
  },
  'trust.list': (_in, ctx) => {
    const own = loadStoredIdentity(storeOf(ctx))?.fingerprint;
    return ok(listTrustedKeys(storeOf(ctx)).map((k) => ({ fingerprint: k.fingerprint, subject: unescapeDn(k.subject), addedAt: k.addedAt, own: k.fingerprint === own })));
  },
  'trust.add': ({ pem }, ctx) => {
    const r = trustCertificatePem(storeOf(ctx), pem, { actor: ctx.actor });
    if (!r.ok) return fromDbError(r.error);
    const k = listTrustedKeys(storeOf(ctx)).find((x) => x.fingerprint === r.value.fingerprint);
    const own = loadStoredIdentity(storeOf(ctx))?.fingerprint;
    return ok({ fingerprint: r.value.fingerprint, subject: unescapeDn(r.value.subject), addedAt: k?.addedAt ?? new Date().toISOString(), own: r.value.fingerprint === own });
  },
  'trust.remove': ({ fingerprint }, ctx) => {
    const r = removeTrustedKey(storeOf(ctx), fingerprint, { actor: ctx.actor });
    if (!r.ok) return fromDbError(r.error);
    return ok({ removed: true });
  },
};
