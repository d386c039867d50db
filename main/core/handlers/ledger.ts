// ledger.summary: cap use from the recorded shipments, against the caps of the active as-written pack
// (the caps are the Framework's; the enforced posture has none). Sums follow the engine's counters.
import { activePackRecord, listShipments, recordShipment } from '../db';
import { startJob } from '../jobs/host';
import { jobOptions } from './jobs';
import { ACTIVE_PACK_IDS } from '../services/packs';
import { Counters } from '../../../shared/engine/counters';
import { quarterOf } from '../../../shared/domain/dates';
import { countryName } from '../../../shared/domain/countries';
import type { CapRow } from '../../../shared/ipc/contract';
import { ok } from '../../../shared/ipc/result';
import type { Parameter } from '../../../shared/domain/rulepack';
import { fromDbError, storeOf } from './store';
import type { Handlers } from './types';

function valueOn(p: Parameter | undefined, date: string): unknown {
  return p?.versions.find((v) => v.from <= date && (v.to === null || date <= v.to))?.value;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export const ledgerHandlers: Handlers<'ledger.summary' | 'shipments.record' | 'shipments.import'> = {
  'ledger.summary': ({ asOf }, ctx) => {
    const db = storeOf(ctx);
    const shipments = listShipments(db, { dateTo: asOf, limit: 10_000 });
    const pack = activePackRecord(db, ACTIVE_PACK_IDS.as_written)?.pack;
    const param = (k: string) => pack?.parameters[k];
    const counters = new Counters(shipments, asOf);
    const year = asOf.slice(0, 4);

    const allocationFrom = String(valueOn(param('allocation.countFrom'), asOf) ?? '2025-01-01');
    const allocationCap = num(valueOn(param('allocation.capTpp'), asOf));
    const lppCap = num(valueOn(param('lpp.capTppPerConsigneeYear'), asOf));
    const nveuCaps = valueOn(param('nveu.quarterCapsTpp'), asOf) as Record<string, number> | undefined;
    const nveuCap = num(nveuCaps?.[quarterOf(asOf)]);

    const countries = [...new Set(shipments.filter((s) => s.authorization === 'LICENSE').map((s) => s.destination))].sort();
    const countryAllocations: CapRow[] = countries.map((c) => ({
      key: c,
      label: `${c} ${countryName(c)}`,
      used: counters.allocationUsed(c, allocationFrom),
      cap: allocationCap,
      unit: 'TPP',
      citation: param('allocation.capTpp')?.citation ?? null,
      rows: { destination: c, authorization: 'LICENSE' as const, dateFrom: allocationFrom, dateTo: asOf },
      global: true,
    }));

    const byConsignee = (auth: 'LPP' | 'NVEU') => [...new Map(shipments.filter((s) => s.authorization === auth).map((s) => [`${s.consignee.toLowerCase()}|${auth === 'NVEU' ? s.destination : ''}`, s])).values()];
    const consigneeLpp: CapRow[] = byConsignee('LPP')
      .map((s) => ({ key: `lpp:${s.consignee}`, label: s.consignee, used: counters.lppUsed(s.consignee, year), cap: lppCap, unit: 'TPP', citation: param('lpp.capTppPerConsigneeYear')?.citation ?? null, rows: { consignee: s.consignee, authorization: 'LPP' as const, dateFrom: `${year}-01-01`, dateTo: asOf } }))
      .filter((r) => r.used > 0);
    const nveu: CapRow[] = byConsignee('NVEU').map((s) => ({
      key: `nveu:${s.consignee}:${s.destination}`,
      label: `${s.consignee} — ${s.destination}`,
      used: counters.installedUnder('NVEU', s.consignee, s.destination),
      cap: nveuCap,
      unit: 'TPP',
      citation: param('nveu.quarterCapsTpp')?.citation ?? null,
      rows: { consignee: s.consignee, destination: s.destination, authorization: 'NVEU' as const, dateTo: asOf },
    }));
    return ok({ asOf, shipmentCount: shipments.length, countryAllocations, consigneeLpp, nveu });
  },
  'shipments.record': ({ caseId, date, mode, licenseNumber }, ctx) => {
    const r = recordShipment(storeOf(ctx), { caseId, date, mode, licenseNumber }, { actor: ctx.actor });
    if (!r.ok) return fromDbError(r.error);
    return ok({ count: r.value.length });
  },
  // Parsed and stored in a job worker (main/core/jobs), all or nothing as before.
  'shipments.import': ({ fileName, text }, ctx) => startJob({ kind: 'shipments.import', fileName, text }, jobOptions(ctx)).result,
};
