// The ledger's rows and corrections for the workbench: the rows behind each bar (filtered), the CSV imports,
// how a case's shipment would be recorded in each mode (and which stored licenses cover it), and reversing
// entries with a reason for one row, a case's shipment or a whole import (nothing is edited or deleted).
import { getCase, latestDetermination, ledgerImports, ledgerRows, licenseUsage, listLicenses, reverseCaseShipment, reverseImport, reverseShipment, type Db, type LicenseRecord } from '../db';
import { checkCoverage, type ShipmentLine } from '../../../shared/domain/license';
import { authorizationsInWords } from '../../../shared/domain/shipment-words';
import type { ShipmentPlan } from '../../../shared/ipc/contract-ledger';
import { err, ok } from '../../../shared/ipc/result';
import { fromDbError, storeOf } from './store';
import type { Handlers } from './types';

function planOf(db: Db, caseId: number, date: string | undefined): ShipmentPlan | null {
  const rec = getCase(db, caseId);
  if (!rec) return null;
  const doc = rec.document;
  const shipDate = date ?? doc.date;
  const base = { caseId, date: shipDate, caseMode: doc.mode ?? null, modesDiffer: false, modes: [] as ShipmentPlan['modes'] };
  if (ledgerRows(db, { caseId, state: 'standing', limit: 1 }).total > 0) {
    return { ...base, state: 'shipped', message: `Case ${caseId} is already recorded as shipped. Reverse that shipment on the Ledger screen (with a reason) to record it again.` };
  }
  const det = latestDetermination(db, caseId);
  if (!det) return { ...base, state: 'not_evaluated', message: `Case ${caseId} has not been evaluated: evaluate it before recording a shipment.` };
  if (det.caseSha256 !== rec.sha256) return { ...base, state: 'stale', message: `Case ${caseId} changed after its last evaluation: evaluate it again first.` };
  const evaluations = det.document.evaluations;
  const stored = new Map<string, LicenseRecord>();
  for (const l of [...listLicenses(db, { endUser: doc.endUser.name }), ...listLicenses(db, { destination: doc.destination })]) stored.set(l.license.number, l);
  const modes: ShipmentPlan['modes'] = evaluations.map((e) => {
    const items = e.items.map((i) => ({ index: i.index, authorization: i.authorization }));
    const lines: ShipmentLine[] = e.items
      .filter((i) => i.authorization === 'LICENSE')
      .map((i) => {
        const item = doc.items[i.index];
        return { itemIndex: i.index, eccn: i.eccn, quantity: item.quantity, tpp: item.quantity * (item.tppPerUnit ?? 0), valueUsd: item.unitValueUsd === undefined ? null : item.quantity * item.unitValueUsd };
      });
    const licenses = lines.length
      ? [...stored.values()]
          .map((l) => {
            const cover = checkCoverage({ license: l.license, usage: licenseUsage(db, l.id), date: shipDate, endUser: doc.endUser.name, destination: doc.destination, lines });
            return { number: l.license.number, expires: l.license.expires, covers: cover.ok, reason: cover.ok ? null : cover.reason };
          })
          .sort((a, b) => Number(b.covers) - Number(a.covers) || a.number.localeCompare(b.number))
      : [];
    return { mode: e.mode, summary: authorizationsInWords(items), items, needsLicense: lines.length > 0, licenses };
  });
  const key = (m: ShipmentPlan['modes'][number]) => m.items.map((i) => i.authorization).join(',');
  const modesDiffer = modes.length > 1 && new Set(modes.map(key)).size > 1;
  const prohibited = modes.every((m) => m.items.some((i) => i.authorization === 'PROHIBITED'));
  return {
    ...base,
    modes,
    modesDiffer,
    state: prohibited ? 'prohibited' : 'ready',
    message: prohibited ? `Case ${caseId} is prohibited (a party is denied or blocked): it cannot be recorded as shipped.` : null,
  };
}

export const shipmentHandlers: Handlers<'ledger.rows' | 'ledger.imports' | 'shipments.plan' | 'shipments.reverse'> = {
  'ledger.rows': (q, ctx) => ok(ledgerRows(storeOf(ctx), q)),
  'ledger.imports': (_q, ctx) => ok(ledgerImports(storeOf(ctx))),
  'shipments.plan': ({ caseId, date }, ctx) => {
    const plan = planOf(storeOf(ctx), caseId, date);
    return plan ? ok(plan) : err('NOT_FOUND', `There is no case ${caseId}.`);
  },
  'shipments.reverse': ({ shipmentId, caseId, importSha256, reason }, ctx) => {
    const targets = [shipmentId, caseId, importSha256].filter((t) => t !== undefined);
    if (targets.length !== 1) return err('INVALID_INPUT', 'Name exactly one thing to reverse: a ledger row, a case\'s shipment or an import.', { path: '$' });
    const db = storeOf(ctx);
    const opts = { actor: ctx.actor };
    if (shipmentId !== undefined) {
      const r = reverseShipment(db, { shipmentId, reason }, opts);
      return r.ok ? ok({ count: 1 }) : fromDbError(r.error);
    }
    if (caseId !== undefined) {
      const r = reverseCaseShipment(db, { caseId, reason }, opts);
      return r.ok ? ok({ count: r.value.length }) : fromDbError(r.error);
    }
    const r = reverseImport(db, { importSha256: importSha256!, reason }, opts);
    return r.ok ? ok({ count: r.value.count }) : fromDbError(r.error);
  },
};
