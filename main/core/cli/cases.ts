// tierline cases import FILE… | list [--search S] [--status S] [--limit N] [--json] | show ID [--json]
import type { Command } from 'commander';
import { canonicalSha256, caseVerdicts, getCase, latestDetermination, listCases, saveCase, CASE_STATUSES, type CaseStatus } from '../db';
import { casesTable } from '../exports/registers';
import { verdictLabel } from '../../../shared/domain/mode-verdict';
import { OUT_OPTION, outFormat, writeTableOut } from './table-out';
import { parseCaseText, validateCaseDocument } from '../services/evaluate';
import { ACTOR, readTextInput, withSession } from './session';
import { EXIT, optsOf, type CliContext, type CliIo } from './types';

function importCases(files: string[], dataDir: string | undefined, json: boolean, io: CliIo): Promise<number> {
  return withSession(io, dataDir, (db) => {
    let code: number = EXIT.OK;
    for (const file of files) {
      const text = readTextInput(io, file);
      if (text === null) {
        code = EXIT.INVALID_INPUT;
        continue;
      }
      const raw = parseCaseText(text);
      const valid = raw.ok ? validateCaseDocument(raw.value) : raw;
      if (!raw.ok || !valid.ok) {
        for (const e of valid.ok ? [] : valid.errors) io.stderr(`${file}: ${e.path}: ${e.message}`);
        code = EXIT.INVALID_INPUT;
        continue;
      }
      const r = saveCase(db, raw.value, canonicalSha256(raw.value), { actor: ACTOR });
      if (!r.ok) {
        io.stderr(`${file}: ${r.error.path}: ${r.error.message}`);
        code = EXIT.INVALID_INPUT;
        continue;
      }
      if (json) io.stdout(JSON.stringify({ file, id: r.value.id, created: r.value.created }));
      else io.stdout(`${file}: case ${r.value.id}${r.value.created ? ' imported' : ' already stored (identical document)'}`);
    }
    return code;
  });
}

function parseLimit(value: unknown, io: CliIo): number | null {
  const limit = value === undefined ? 50 : Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) {
    io.stderr('--limit: expected a whole number from 1 to 100000');
    return null;
  }
  return limit;
}

export function register(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  const cases = program.command('cases').summary('import, list and show stored cases').description('Import case documents into the store, list and show stored cases.');

  cases
    .command('import')
    .summary('store case files without evaluating them')
    .argument('<files...>', 'case documents (JSON, - for standard input)')
    .option('--json', 'one line {file, id, created} per stored file')
    .action(ctx.action((files: string[], _o: unknown, cmd: Command) => importCases(files, optsOf(cmd).dataDir, Boolean(optsOf(cmd).json), io)));

  cases
    .command('list')
    .summary('list stored cases, newest first')
    .option('--search <text>', 'end user, reference or destination contains TEXT')
    .option('--status <status>', `only cases with this status (${CASE_STATUSES.join(', ')})`)
    .option('--limit <n>', 'at most N rows (1 to 100000)', '50')
    .option('--json', 'the page as one JSON document {total, rows}')
    .option(...OUT_OPTION)
    .action(
      ctx.action((_o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        const status = o.status as string | undefined;
        if (status !== undefined && !(CASE_STATUSES as readonly string[]).includes(status)) {
          io.stderr(`--status: expected one of ${CASE_STATUSES.join(', ')}`);
          return EXIT.USAGE;
        }
        const limit = parseLimit(o.limit, io);
        if (limit === null) return EXIT.USAGE;
        const out = o.out as string | undefined;
        if (out !== undefined && !outFormat(io, out)) return EXIT.USAGE;
        return withSession(
          io,
          o.dataDir,
          (db) => {
            if (out !== undefined) return writeTableOut(io, out, casesTable(db, { search: o.search as string | undefined, status: status as CaseStatus | undefined }), Boolean(o.json));
            const page = listCases(db, { search: o.search as string | undefined, status: status as CaseStatus | undefined, limit });
            if (o.json) {
              io.stdout(JSON.stringify(page));
              return EXIT.OK;
            }
            io.stdout(`${page.total}${page.totalIsLowerBound ? '+' : ''} case(s)${(page.total ?? 0) > page.rows.length || page.totalIsLowerBound ? `, showing ${page.rows.length}` : ''}`);
            const verdicts = caseVerdicts(db, page.rows.map((c) => c.id));
            for (const c of page.rows) {
              const v = verdicts.get(c.id);
              const modes = `enforced: ${verdictLabel(v?.enforced ?? null)}; as written: ${verdictLabel(v?.asWritten ?? null)}`;
              io.stdout(`${String(c.id).padStart(6)}  ${c.date}  ${c.destination}  ${c.status.padEnd(9)}  ${modes}  ${c.endUserName}${c.reference ? `  (${c.reference})` : ''}${v?.letter ? `  letter ${v.letter.number}${v.letter.status === 'issued' ? '' : ` (${v.letter.status})`}` : ''}`);
            }
            return EXIT.OK;
          },
          { readonly: true },
        );
      }),
    );

  cases
    .command('show')
    .summary('show one case and its latest determination')
    .argument('<id>', 'case id (as cases list prints it)')
    .option('--json', 'one JSON document {case, determination}')
    .action(
      ctx.action((idText: string, _o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        const id = Number(idText);
        if (!Number.isInteger(id) || id < 1) {
          io.stderr('cases show: expected a case id (a positive whole number)');
          return EXIT.USAGE;
        }
        return withSession(
          io,
          o.dataDir,
          (db) => {
            const rec = getCase(db, id);
            if (!rec) {
              io.stderr(`no case ${id}`);
              return EXIT.INVALID_INPUT;
            }
            const det = latestDetermination(db, id);
            if (o.json) {
              io.stdout(JSON.stringify({ case: rec.document, determination: det?.document ?? null }));
              return EXIT.OK;
            }
            io.stdout(`case ${rec.id}  ${rec.status}  ${rec.date}  ${rec.endUserName} → ${rec.destination}  sha256 ${rec.sha256}`);
            io.stdout(JSON.stringify(rec.document, null, 2));
            if (det) io.stdout(`latest determination ${det.id} (${det.createdAt}): ${det.licenseRequired ? 'license required' : 'no license required'}; ${det.authorizations.join(', ')}`);
            else io.stdout('not evaluated yet');
            return EXIT.OK;
          },
          { readonly: true },
        );
      }),
    );
}
