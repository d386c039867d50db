// tierline shipments record CASE_ID [--date D] [--mode M] | import FILE.csv | list [--consignee C] [--destination XX]
import { importShipments, listShipments, recordShipment } from '../db';
import { parse } from './args';
import { ACTOR, readTextInput, withSession } from './session';
import { EXIT, type CliCommand } from './types';

export const shipmentsCommand: CliCommand = {
  name: 'shipments',
  summary: 'the ledger: record a case as shipped, import shipment history (CSV), list',
  usage: 'tierline shipments record CASE_ID [--date YYYY-MM-DD] [--mode as_written|enforced] | import FILE.csv | list [--consignee NAME] [--destination XX] [--json]   [--data-dir DIR]',
  async run(args, io) {
    const [sub, ...rest] = args;
    const p = parse(rest, { date: { type: 'string' }, mode: { type: 'string' }, consignee: { type: 'string' }, destination: { type: 'string' }, json: { type: 'boolean' } });
    if (typeof p === 'string' || !['record', 'import', 'list'].includes(sub ?? '') || (sub !== 'list' && p.positionals.length !== 1)) {
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
        else for (const s of rows) io.stdout(`${s.date}  ${s.destination}  ${s.authorization.padEnd(8)}  ${s.tpp.toLocaleString('en-US').padStart(15)} TPP  ${s.consignee}  (${s.source})`);
        return EXIT.OK;
      }
      if (sub === 'record') {
        const caseId = Number(p.positionals[0]);
        if (!Number.isInteger(caseId) || caseId < 1) {
          io.stderr('shipments record: expected a case id');
          return EXIT.INVALID_INPUT;
        }
        const r = recordShipment(db, { caseId, date: p.values.date as string | undefined, mode: mode as 'as_written' | 'enforced' | undefined }, { actor: ACTOR });
        if (!r.ok) {
          io.stderr(`${r.error.code}: ${r.error.path}: ${r.error.message}`);
          return EXIT.INVALID_INPUT;
        }
        io.stdout(`case ${caseId}: ${r.value.length} ledger row(s) recorded`);
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
