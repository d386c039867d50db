// tierline shipments record CASE_ID [--date D] [--mode M] | import FILE.csv | list [--consignee C] [--destination XX]
import type { Command } from 'commander';
import { importShipments, listShipments, recordShipment } from '../db';
import { ACTOR, readTextInput, withSession } from './session';
import { EXIT, optsOf, type CliContext } from './types';

export function register(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  const shipments = program.command('shipments').summary('the ledger: record a case as shipped, import shipment history (CSV), list').description('The shipment ledger that the TPP allocation caps count against.');

  shipments
    .command('record')
    .summary('record an evaluated case as shipped')
    .argument('<caseId>', 'case id')
    .option('--date <YYYY-MM-DD>', 'shipment date (default: the case date)')
    .option('--mode <mode>', 'which evaluation to record when both apply: as_written or enforced')
    .option('--json', 'the recorded ledger rows as JSON')
    .action(
      ctx.action((caseText: string, _o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        const mode = o.mode as string | undefined;
        if (mode !== undefined && mode !== 'as_written' && mode !== 'enforced') {
          io.stderr('--mode: expected as_written or enforced');
          return EXIT.USAGE;
        }
        const caseId = Number(caseText);
        if (!Number.isInteger(caseId) || caseId < 1) {
          io.stderr('shipments record: expected a case id');
          return EXIT.USAGE;
        }
        return withSession(io, o.dataDir, (db) => {
          const r = recordShipment(db, { caseId, date: o.date as string | undefined, mode: mode as 'as_written' | 'enforced' | undefined }, { actor: ACTOR });
          if (!r.ok) {
            io.stderr(`${r.error.code}: ${r.error.path}: ${r.error.message}`);
            return EXIT.INVALID_INPUT;
          }
          if (o.json) io.stdout(JSON.stringify(r.value));
          else io.stdout(`case ${caseId}: ${r.value.length} ledger row(s) recorded`);
          return EXIT.OK;
        });
      }),
    );

  shipments
    .command('import')
    .summary('import a shipment history CSV, all rows or none')
    .argument('<file>', 'CSV file (- for standard input)')
    .option('--json', 'the result {count, importSha256} as JSON')
    .action(
      ctx.action((file: string, _o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        const text = readTextInput(io, file);
        if (text === null) return EXIT.INVALID_INPUT;
        return withSession(io, o.dataDir, (db) => {
          const r = importShipments(db, text, { actor: ACTOR, fileName: file });
          if (!r.ok) {
            for (const e of r.error.issues ?? [{ path: r.error.path, message: r.error.message }]) io.stderr(`${file}: ${e.path}: ${e.message}`);
            return EXIT.INVALID_INPUT;
          }
          if (o.json) io.stdout(JSON.stringify(r.value));
          else io.stdout(`${file}: ${r.value.count} shipment(s) imported (sha256 ${r.value.importSha256})`);
          return EXIT.OK;
        });
      }),
    );

  shipments
    .command('list')
    .summary('list ledger rows')
    .option('--consignee <name>', 'only this consignee')
    .option('--destination <XX>', 'only this destination (ISO country code)')
    .option('--json', 'one JSON array')
    .action(
      ctx.action((_o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        return withSession(
          io,
          o.dataDir,
          (db) => {
            const rows = listShipments(db, { consignee: o.consignee as string | undefined, destination: o.destination as string | undefined });
            if (o.json) io.stdout(JSON.stringify(rows));
            else for (const s of rows) io.stdout(`${s.date}  ${s.destination}  ${s.authorization.padEnd(8)}  ${s.tpp.toLocaleString('en-US').padStart(15)} TPP  ${s.consignee}  (${s.source})`);
            return EXIT.OK;
          },
          { readonly: true },
        );
      }),
    );
}
