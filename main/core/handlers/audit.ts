// audit.*: the hash-chained log, newest first, and a full chain check.
import { auditHead, listAudit, verifyAuditChain } from '../db';
import { ok } from '../../../shared/ipc/result';
import { lastAnchor } from '../audit/anchor';
import { queryAudit } from '../exports/registers';
import { storeOf } from './store';
import type { Handlers } from './types';

export const auditHandlers: Handlers<'audit.list' | 'audit.verify'> = {
  'audit.list': ({ offset, limit, group, search, dateFrom, dateTo }, ctx) => {
    const db = storeOf(ctx);
    if (group || search?.trim() || dateFrom || dateTo) {
      const found = queryAudit(db, { group, search, dateFrom, dateTo, offset, limit });
      const a = lastAnchor(db);
      return ok({ ...found, lastAnchor: a ? { at: a.at, seq: a.seq } : null });
    }
    // seq is gapless (the chain check proves it), so the head's seq is the count and paging is by seq.
    const total = auditHead(db).seq;
    const entries = listAudit(db, { beforeSeq: total - offset + 1, limit, order: 'desc' }).map((e) => ({
      seq: e.seq,
      at: e.at,
      actor: e.actor,
      action: e.action,
      subject: e.subject || null,
      detail: Object.keys(e.details).length ? JSON.stringify(e.details) : null,
      hash: e.hash,
    }));
    const anchor = lastAnchor(db);
    return ok({ total, entries, lastAnchor: anchor ? { at: anchor.at, seq: anchor.seq } : null });
  },
  'audit.verify': (_in, ctx) => {
    const r = verifyAuditChain(storeOf(ctx));
    return ok(
      r.ok
        ? { ok: true, checked: r.count, brokenAt: null, reason: `All ${r.count} entries follow each other unchanged and all ${r.records} records match them; the last hash begins ${r.head.hash.slice(0, 16)}.` }
        : { ok: false, checked: 'record' in r ? r.count : r.seq - 1, brokenAt: r.seq, reason: r.reason[0].toUpperCase() + r.reason.slice(1) + '.' },
    );
  },
};
