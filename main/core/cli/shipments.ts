// tierline shipments record CASE_ID [--date D] [--mode M] [--license N] | import FILE.csv | list [--consignee C] [--destination XX] [--out F]
//                   | reverse (--case ID | --shipment ID | --import SHA256) --reason TEXT
import type { Command } from 'commander';
import { ledgerTable } from '../exports/registers';
import { outFormat, writeTableOut } from './table-out';
import { importShipments, listShipments, recordShipment, reverseCaseShipment, reverseImport, reverseShipment } from '../db';
import { describeStatus, statusOf } from '../licenses';
import { ACTOR, readTextInput, withSession } from './session';
import { EXIT, optsOf, type CliContext } from './types';

export function register(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  const shipments = program.command('shipments').summary('the ledger: record a case as shipped, import shipment history (CSV), list, reverse an entry (with a reason)').description('The shipment ledger that the TPP allocation caps count against.');

  shipments
    .command('record')
    .summary('record an evaluated case as shipped')
    .argument('<caseId>', 'case id')
    .option('--date <YYYY-MM-DD>', 'shipment date (default: the case date)')
    .option('--mode <mode>', 'which evaluation to record when both apply: as_written or enforced')
    .option('--license <number>', 'the BIS license it ships under (required when an item needs a license; drawn down)')
    .option('--json', 'the recorded ledger rows as JSON (with --license: {shipments, license} and what remains)')
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
          const licenseNumber = o.license as string | undefined;
          const r = recordShipment(db, { caseId, date: o.date as string | undefined, mode: mode as 'as_written' | 'enforced' | undefined, licenseNumber }, { actor: ACTOR });
          if (!r.ok) {
            if (r.error.code === 'AMBIGUOUS_MODE') {
              io.stderr(`case ${caseId} was not recorded: ${r.error.message} (--mode enforced or --mode as_written)`);
              return EXIT.INVALID_INPUT;
            }
            const hint = r.error.code === 'LICENSE_REQUIRED' ? ' (--license NUMBER)' : '';
            io.stderr(`${r.error.code}: ${r.error.path === '$.license' ? '--license' : r.error.path}: ${r.error.message}${hint}`);
            return EXIT.INVALID_INPUT;
          }
          const s = licenseNumber ? statusOf(db, licenseNumber, r.value[0]?.date ?? new Date().toISOString().slice(0, 10)) : null;
          if (o.json) {
            io.stdout(JSON.stringify(s ? { shipments: r.value, license: s } : r.value));
            return EXIT.OK;
          }
          io.stdout(`case ${caseId}: ${r.value.length} ledger row(s) recorded`);
          if (s) {
            io.stdout(`license ${s.license.number} drawn down; what remains:`);
            for (const line of describeStatus(s.status)) io.stdout(line);
          }
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
    .option('--out <file>', 'write the whole ledger as FILE.csv or FILE.xlsx')
    .action(
      ctx.action((_o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        const out = o.out as string | undefined;
        if (out !== undefined && !outFormat(io, out)) return EXIT.USAGE;
        return withSession(
          io,
          o.dataDir,
          (db) => {
            if (out !== undefined) return writeTableOut(io, out, ledgerTable(db), Boolean(o.json));
            const rows = listShipments(db, { consignee: o.consignee as string | undefined, destination: o.destination as string | undefined });
            if (o.json) io.stdout(JSON.stringify(rows));
            else
              for (const s of rows) {
                const note = s.reversesId ? `reverses #${s.reversesId}: ${s.reason}` : s.reversedBy ? `reversed by #${s.reversedBy}` : '';
                io.stdout(`#${s.id}  ${s.date}  ${s.destination}  ${s.authorization.padEnd(8)}  ${s.tpp.toLocaleString('en-US').padStart(15)} TPP  ${s.consignee}  (${s.source}${note ? `; ${note}` : ''})`);
              }
            return EXIT.OK;
          },
          { readonly: true },
        );
      }),
    );

  shipments
    .command('reverse')
    .summary('cancel ledger entries by reversing entries with a reason (nothing is edited or deleted)')
    .option('--case <id>', "reverse the case's recorded shipment")
    .option('--shipment <id>', 'reverse one ledger row (as shipments list prints it, #ID)')
    .option('--import <sha256>', 'reverse a whole imported CSV (its sha256 as import printed it)')
    .option('--reason <text>', 'why, recorded with the reversing entries (required)')
    .option('--json', 'the reversing entries as JSON')
    .action(
      ctx.action((_o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        const targets = (['case', 'shipment', 'import'] as const).filter((k) => o[k] !== undefined);
        if (targets.length !== 1) {
          io.stderr('shipments reverse: name exactly one of --case ID, --shipment ID or --import SHA256');
          return EXIT.USAGE;
        }
        const reason = String(o.reason ?? '');
        const target = targets[0];
        const raw = String(o[target]);
        const id = Number(raw);
        if (target !== 'import' && (!Number.isInteger(id) || id < 1)) {
          io.stderr(`--${target}: expected a positive whole number, found "${raw}"`);
          return EXIT.USAGE;
        }
        return withSession(io, o.dataDir, (db) => {
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
          if (o.json) {
            io.stdout(JSON.stringify(r.value));
            return EXIT.OK;
          }
          const count = Array.isArray(r.value) ? r.value.length : 'count' in r.value ? r.value.count : 1;
          io.stdout(`${count} reversing entr${count === 1 ? 'y' : 'ies'} recorded (${target} ${raw}): ${reason.trim()}`);
          return EXIT.OK;
        });
      }),
    );
}
