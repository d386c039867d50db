// identity.* and trust.*: this installation's signing identity (created here, sealed with a passphrase)
// and the trust list that letter verification uses.
import { listTrustedKeys, removeTrustedKey } from '../db';
import { createIdentity, IdentityError, loadStoredIdentity, saveIdentity, trustCertificatePem, trustPemOf } from '../identity';
import type { IdentityView } from '../../../shared/ipc/contract';
import { err, ok } from '../../../shared/ipc/result';
import type { HandlerContext } from './context';
import { fromDbError, storeOf } from './store';
import type { Handlers } from './types';

/** X.509 subject values arrive with RFC 4514 escapes ("Office\\, Example Corp"); show them as written. */
function unescapeDn(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

function view(ctx: HandlerContext): IdentityView {
  const r = loadStoredIdentity(storeOf(ctx));
  return r ? { configured: true, office: r.office.name, fingerprint: r.fingerprint, createdAt: r.createdAt } : { configured: false, office: null, fingerprint: null, createdAt: null };
}

export const settingsHandlers: Handlers<'identity.get' | 'identity.create' | 'identity.certificate' | 'trust.list' | 'trust.add' | 'trust.remove'> = {
  'identity.get': (_in, ctx) => ok(view(ctx)),
  'identity.create': ({ office, unit, country, passphrase }, ctx) => {
    const db = storeOf(ctx);
    if (loadStoredIdentity(db)) return err('CONFLICT', 'This installation already has a signing identity; letters already issued name it.');
    let record;
    try {
      record = createIdentity({ office: { name: office, unit, country }, passphrase });
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
