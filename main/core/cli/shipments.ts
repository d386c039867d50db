// tierline shipments record CASE_ID [--date D] [--mode M] | import FILE.csv | list [--consignee C] [--destination XX]
//                   | reverse (--case ID | --shipment ID | --import SHA256) --reason TEXT
import { importShipments, listShipments, recordShipment, reverseCaseShipment, reverseImport, reverseShipment } from '../db';
import type { Db } from '../db';
import { describeStatus, statusOf } from '../licenses';
import { parse, type Parsed } from './args';
import { ACTOR, readTextInput, withSession } from './session';
import { EXIT, type CliCommand, type CliIo } from './types';

export const shipmentsCommand: CliCommand = {
  name: 'shipments',
  summary: 'the ledger: record a case as shipped, import shipment history (CSV), list, reverse an entry (with a reason)',
  usage: 'tierline shipments record CASE_ID [--date YYYY-MM-DD] [--mode as_written|enforced] [--license NUMBER] | import FILE.csv | list [--consignee NAME] [--destination XX] [--json] | reverse (--case ID | --shipment ID | --import SHA256) --reason TEXT   [--data-dir DIR]',
  async run(args, io) {
    const [sub, ...rest] = args;
    const p = parse(rest, {
      date: { type: 'string' },
      mode: { type: 'string' },
      consignee: { type: 'string' },
      destination: { type: 'string' },
      json: { type: 'boolean' },
      case: { type: 'string' },
      shipment: { type: 'string' },
      import: { type: 'string' },
      reason: { type: 'string' },
      license: { type: 'string' },
    });
    if (typeof p === 'string' || !['record', 'import', 'list', 'reverse'].includes(sub ?? '') || (sub !== 'list' && sub !== 'reverse' && p.positionals.length !== 1)) {
      io.stderr(`usage: ${typeof p === 'string' ? p : this.usage}`);
      return EXIT.INVALID_INPUT;
    }
    const mode = p.values.mode as string | undefined;
    if (mode !== undefined && mode !== 'as_written' && mode !== 'enforced') {
      io.stderr('--mode: expected as_written or enforced');
      return EXIT.INVALID_INPUT;
    }
    let text = '';
    if (sub === 'import') {
      const t = readTextInput(io, p.positionals[0]);
      if (t === null) return EXIT.INVALID_INPUT;
      text = t;
    }
    return withSession(io, p.values['data-dir'] as string | undefined, (db) => {
      if (sub === 'list') {
        const rows = listShipments(db, { consignee: p.values.consignee as string | undefined, destination: p.values.destination as string | undefined });
        if (p.values.json) io.stdout(JSON.stringify(rows));
        else
          for (const s of rows) {
            const note = s.reversesId ? `reverses #${s.reversesId}: ${s.reason}` : s.reversedBy ? `reversed by #${s.reversedBy}` : '';
            io.stdout(`#${s.id}  ${s.date}  ${s.destination}  ${s.authorization.padEnd(8)}  ${s.tpp.toLocaleString('en-US').padStart(15)} TPP  ${s.consignee}  (${s.source}${note ? `; ${note}` : ''})`);
          }
        return EXIT.OK;
      }
      if (sub === 'reverse') return reverse(db, p.values, io);
      if (sub === 'record') {
        const caseId = Number(p.positionals[0]);
        if (!Number.isInteger(caseId) || caseId < 1) {
          io.stderr('shipments record: expected a case id');
          return EXIT.INVALID_INPUT;
        }
        const licenseNumber = p.values.license as string | undefined;
        const r = recordShipment(db, { caseId, date: p.values.date as string | undefined, mode: mode as 'as_written' | 'enforced' | undefined, licenseNumber }, { actor: ACTOR });
        if (!r.ok) {
          const hint = r.error.code === 'LICENSE_REQUIRED' ? ' (--license NUMBER)' : '';
          io.stderr(`${r.error.code}: ${r.error.path === '$.license' ? '--license' : r.error.path}: ${r.error.message}${hint}`);
          return EXIT.INVALID_INPUT;
        }
        io.stdout(`case ${caseId}: ${r.value.length} ledger row(s) recorded`);
        if (licenseNumber) {
          const s = statusOf(db, licenseNumber, r.value[0]?.date ?? new Date().toISOString().slice(0, 10));
          if (s) {
            io.stdout(`license ${s.license.number} drawn down; what remains:`);
            for (const line of describeStatus(s.status)) io.stdout(line);
          }
        }
        return EXIT.OK;
      }
      const r = importShipments(db, text, { actor: ACTOR, fileName: p.positionals[0] });
      if (!r.ok) {
        for (const e of r.error.issues ?? [{ path: r.error.path, message: r.error.message }]) io.stderr(`${p.positionals[0]}: ${e.path}: ${e.message}`);
        return EXIT.INVALID_INPUT;
      }
      io.stdout(`${p.positionals[0]}: ${r.value.count} shipment(s) imported (sha256 ${r.value.importSha256})`);
      return EXIT.OK;
    });
  },
};

function reverse(db: Db, v: Parsed['values'], io: CliIo): number {
  const targets = (['case', 'shipment', 'import'] as const).filter((k) => v[k] !== undefined);
  if (targets.length !== 1) {
    io.stderr('shipments reverse: name exactly one of --case ID, --shipment ID or --import SHA256');
    return EXIT.INVALID_INPUT;
  }
  const reason = String(v.reason ?? '');
  const target = targets[0];
  const raw = String(v[target]);
  const id = Number(raw);
  if (target !== 'import' && (!Number.isInteger(id) || id < 1)) {
    io.stderr(`--${target}: expected a positive whole number, found "${raw}"`);
    return EXIT.INVALID_INPUT;
  }
  const r =
    target === 'case'
      ? reverseCaseShipment(db, { caseId: id, reason }, { actor: ACTOR })
      : target === 'shipment'
        ? reverseShipment(db, { shipmentId: id, reason }, { actor: ACTOR })
        : reverseImport(db, { importSha256: raw.toLowerCase(), reason }, { actor: ACTOR });
  if (!r.ok) {
    io.stderr(`${r.error.code}: ${r.error.path === '$.reason' ? '--reason' : r.error.path}: ${r.error.message}`);
    return EXIT.INVALID_INPUT;
  }
  const count = Array.isArray(r.value) ? r.value.length : 'count' in r.value ? r.value.count : 1;
  io.stdout(`${count} reversing entr${count === 1 ? 'y' : 'ies'} recorded (${target} ${raw}): ${reason.trim()}`);
  return EXIT.OK;
}
