// tierline batch FILE.csv|FILE.xlsx|- [--map MAPPING.json] [--sheet NAME] [--out RESULTS.csv|.xlsx|.json]
//                [--json] [--skip-invalid] [--save-map FILE] [--letters DIR --officer NAME]
// Evaluates every order line of an order book in both modes and screens each customer. Lines with the
// same order reference are one case. A summary on stdout (with --json: the tierline.batch-results/1
// document without the per-case determinations); the results file written with --out. Exit 0 when every
// line was evaluated; 2 with the row-named problems on stderr when a line was invalid: then, without
// --skip-invalid, nothing is evaluated or stored (and no results file is written); with it, the valid
// lines are evaluated and stored and the results list the invalid ones with their problem. --letters DIR
// also issues a signed letter for every evaluated case into DIR: the office key is unlocked before
// anything is read or stored (a wrong passphrase does nothing), and a case that cannot have a letter
// (screening to review, PROHIBITED, already has one) is skipped with the reason on stderr.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { basename, resolve } from 'node:path';
import {
  batchResultLines,
  batchSummary,
  loadBatch,
  mappingFile,
  parseMappingText,
  resultsBytes,
  resultsFormatOf,
  resultsJson,
  runBatch,
  type BatchProgress,
  type BatchSummary,
} from '../batch';
import type { MappingFile } from '../batch/mapping';
import { IdentityError, loadStoredIdentity, unlockIdentity, type UnlockedIdentity } from '../identity';
import { issueMany } from '../letters/issue-many';
import type { Db } from '../db';
import { ACTOR, readBytesInput, withSession } from './session';
import { officePassphrase, PASSPHRASE_FILE } from './secrets';
import { EXIT, optsOf, type CliContext, type CliIo, type Opts } from './types';

function summaryLines(s: BatchSummary): string[] {
  return [
    `lines: ${s.lines}, valid: ${s.valid}, invalid: ${s.invalid}, evaluated: ${s.evaluated} (${s.cases} case(s))`,
    `license required: enforced ${s.licenseRequired.enforced} line(s), as written ${s.licenseRequired.asWritten} line(s)${s.prohibited.enforced || s.prohibited.asWritten ? `; prohibited: enforced ${s.prohibited.enforced}, as written ${s.prohibited.asWritten}` : ''}`,
    `screening: ${s.screening.listed} listed, ${s.screening.needsReview} to review${s.screening.notScreened ? `, ${s.screening.notScreened} not screened (no list imported)` : ''}`,
    s.stored ? 'stored: every evaluated case and its determination' : 'stored: nothing',
  ];
}

function progressPrinter(io: CliIo): (p: BatchProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (p.done !== p.total && now - last < 1000) return;
    if (p.done === 0 && p.phase === 'evaluate') return;
    last = now;
    const eta = p.etaMs === null ? '' : `, ${Math.ceil(p.etaMs / 1000)} s left`;
    io.stderr(`${p.phase === 'store' ? 'storing' : 'evaluating'}: ${p.done}/${p.total} lines${p.phase === 'evaluate' ? `, ${Math.round(p.rate)} lines/s${eta}` : ''}`);
  };
}

export function register(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  program
    .command('batch')
    .summary('evaluate every line of an order book (CSV or XLSX) in both modes, screen the customers, write the results')
    .description(
      'Evaluate every order line of an order book in both modes and screen each customer; lines with the same order reference are one case (docs/batch.md). Exit 0 when every line was evaluated; 2 with row-named problems when a line is invalid: then, without --skip-invalid, nothing is evaluated or stored. With --letters DIR, a signed letter for every evaluated case that can have one, the passphrase checked before anything is stored (exit 1 when it is wrong).',
    )
    .argument('<file>', 'the order book, .csv or .xlsx (- for standard input; XLSX is recognised by its content)')
    .option('--map <file>', 'a column mapping (tierline.mapping/1); without it the headers are matched by their usual names')
    .addOption(new Option('--mapping <file>').hideHelp())
    .option('--sheet <name>', 'the XLSX sheet to read (default: the mapping\'s, else the first)')
    .option('--out <file>', 'write the results, one row per line: RESULTS.csv, .xlsx or .json')
    .option('--save-map <file>', 'save the column mapping used, to reuse with --map')
    .option('--skip-invalid', 'evaluate and store the valid lines even when some are invalid (the results list the invalid ones)')
    .option('--quiet', 'no progress on standard error')
    .option('--json', 'the tierline.batch-results/1 document without the per-case determinations')
    .option('--letters <dir>', 'also issue a signed letter for every evaluated case into DIR (NUMBER.pdf); cases that cannot have one are skipped with the reason')
    .option('--officer <name>', 'with --letters: the officer who issues the letters (default: TIERLINE_OFFICER)')
    .option(...PASSPHRASE_FILE)
    .action(ctx.action((fileArg: string, _o: unknown, cmd: Command) => batch(fileArg, optsOf(cmd), io)));
}

async function batch(fileArg: string, o: Opts, io: CliIo): Promise<number> {
  const fromStdin = fileArg === '-';
  const out = o.out as string | undefined;
  const outFormat = out ? resultsFormatOf(out) : null;
  if (out && !outFormat) {
    io.stderr(`--out: expected a file ending in .csv, .xlsx or .json, got "${out}"`);
    return EXIT.USAGE;
  }
  const lettersDir = o.letters as string | undefined;
  const officer = ((o.officer as string | undefined) ?? io.env.TIERLINE_OFFICER ?? '').trim();
  if (lettersDir !== undefined && !officer) {
    io.stderr('--officer: a letter names the officer who issues it: give --officer NAME or set TIERLINE_OFFICER (the login name is never used)');
    return EXIT.USAGE;
  }
  if (lettersDir === undefined && o.officer !== undefined) {
    io.stderr('--officer is for --letters DIR');
    return EXIT.USAGE;
  }
  let bytes: Buffer;
  try {
    bytes = readBytesInput(io, fileArg);
  } catch (e) {
    io.stderr(`cannot read ${resolve(io.cwd, fileArg)}: ${(e as Error).message}`);
    return EXIT.INVALID_INPUT;
  }
  // An XLSX workbook is a ZIP file ("PK\x03\x04"); standard input has no name to tell the format by.
  const file = fromStdin ? (bytes[0] === 0x50 && bytes[1] === 0x4b ? 'stdin.xlsx' : 'stdin.csv') : resolve(io.cwd, fileArg);
  let mapping: MappingFile | undefined;
  const mapPath = (o.map ?? o.mapping) as string | undefined;
  if (mapPath) {
    let text: string;
    try {
      text = readFileSync(resolve(io.cwd, mapPath), 'utf8');
    } catch (e) {
      io.stderr(`--map: cannot read ${mapPath}: ${(e as Error).message}`);
      return EXIT.INVALID_INPUT;
    }
    const m = parseMappingText(text);
    if (!m.ok) {
      for (const x of m.problems) io.stderr(`${mapPath}: ${x}`);
      return EXIT.INVALID_INPUT;
    }
    mapping = m.value;
  }
  const passphrase = lettersDir !== undefined ? await officePassphrase(io, o.passphraseFile as string | undefined) : null;
  if (typeof passphrase === 'number') return passphrase;
  return withSession(io, o.dataDir, async (db) => {
    let identity: UnlockedIdentity | null = null;
    if (passphrase !== null) {
      const unlocked = unlock(db, passphrase, io);
      if (typeof unlocked === 'number') return unlocked;
      identity = unlocked;
    }
    const loaded = await loadBatch(db, bytes, file, { mapping, sheet: o.sheet as string | undefined });
    if (!loaded.ok) {
      for (const x of loaded.problems) io.stderr(`${fromStdin ? '-' : basename(file)}: row ${x.row}, ${x.column}: ${x.message}`);
      return EXIT.INVALID_INPUT;
    }
    const { sheet, plan } = loaded;
    if (o.saveMap) {
      const target = resolve(io.cwd, o.saveMap as string);
      writeFileSync(target, `${JSON.stringify(mappingFile(sheet.headers, plan.mapping, { name: mapping?.name ?? basename(file), sheet: sheet.name === 'csv' ? undefined : sheet.name }), null, 2)}\n`);
      io.stderr(`mapping saved to ${target}`);
    }
    for (const x of plan.invalid) io.stderr(`row ${x.row}, ${x.column}: ${x.message}`);
    const anyInvalid = plan.invalid.length > 0;
    const skip = o.skipInvalid === true;
    if (anyInvalid && !skip) {
      const lines = batchResultLines(sheet, plan, null);
      const s = batchSummary(plan, lines, false);
      if (o.json) io.stdout(JSON.stringify({ ...resultsJson(file, plan, lines, null), cases: undefined }));
      else for (const l of summaryLines({ ...s, evaluated: 0, cases: 0 })) io.stdout(l);
      io.stderr(`${s.invalid} invalid line(s): nothing evaluated or stored${out ? `, ${out} not written` : ''}; fix the file, or run again with --skip-invalid to evaluate the ${s.valid} valid line(s)`);
      return EXIT.INVALID_INPUT;
    }
    const run = await runBatch(db, plan, { actor: ACTOR, onProgress: o.quiet || o.json ? undefined : progressPrinter(io) });
    if (run.status === 'refused') {
      io.stderr(`${run.code}: ${run.message}; nothing stored`);
      return EXIT.NEGATIVE;
    }
    if (run.status === 'cancelled') {
      io.stderr('cancelled: nothing stored');
      return EXIT.NEGATIVE;
    }
    for (const w of run.warnings) io.stderr(`warning: ${w}`);
    const lines = batchResultLines(sheet, plan, run);
    if (out && outFormat) {
      const target = resolve(io.cwd, out);
      writeFileSync(target, await resultsBytes(outFormat, file, plan, lines, run));
      if (!o.json) io.stderr(`results written to ${target}`);
    }
    if (o.json) {
      const doc = resultsJson(file, plan, lines, run);
      io.stdout(JSON.stringify({ ...doc, cases: doc.cases.map(({ determination: _d, ...c }) => c) }));
    } else for (const l of summaryLines(batchSummary(plan, lines, run.stored !== null))) io.stdout(l);
    if (identity && lettersDir !== undefined) {
      const code = await issueLetters(db, lines, { identity, officer, dir: resolve(io.cwd, lettersDir), json: o.json === true }, io);
      if (code !== EXIT.OK) return code;
    }
    return anyInvalid ? EXIT.INVALID_INPUT : EXIT.OK;
  });
}

/** The office key, unlocked before anything is stored; the exit code after saying why not. */
function unlock(db: Db, passphrase: string, io: CliIo): UnlockedIdentity | number {
  const record = loadStoredIdentity(db);
  if (!record) {
    io.stderr('--letters: there is no signing identity yet: create one with tierline letter identity (or import one), then run again; nothing was stored');
    return EXIT.INVALID_INPUT;
  }
  try {
    return unlockIdentity(record, passphrase);
  } catch (e) {
    if (e instanceof IdentityError && e.code === 'BAD_PASSPHRASE') {
      io.stderr('--letters: the passphrase does not unlock the signing key; nothing was stored and no letter issued');
      return EXIT.FAILED;
    }
    throw e;
  }
}

async function issueLetters(db: Db, lines: ReturnType<typeof batchResultLines>, o: { identity: UnlockedIdentity; officer: string; dir: string; json: boolean }, io: CliIo): Promise<number> {
  const ids = [...new Set(lines.flatMap((l) => (l.determinationId === null ? [] : [l.determinationId])))];
  const rowsOf = (determinationId: number) => lines.filter((l) => l.determinationId === determinationId).map((l) => l.row).join(', ');
  const refOf = (determinationId: number) => lines.find((l) => l.determinationId === determinationId)?.reference ?? null;
  try {
    mkdirSync(o.dir, { recursive: true });
  } catch (e) {
    io.stderr(`--letters: cannot create ${o.dir}: ${(e as Error).message}; the batch is stored, no letter issued`);
    return EXIT.STORE;
  }
  let unwritten = 0;
  const done = await issueMany(db, ids, {
    identity: o.identity,
    officer: o.officer,
    write: { actor: ACTOR },
    onLine: (line, _i, pdf) => {
      const what = `case ${line.caseId ?? '?'}${refOf(line.determinationId) ? ` (${refOf(line.determinationId)})` : ''}, row(s) ${rowsOf(line.determinationId)}`;
      if (line.state !== 'issued' || !pdf) {
        io.stderr(`no letter for ${what}: ${line.reason}`);
        return;
      }
      const target = resolve(o.dir, `${line.number}.pdf`);
      try {
        writeFileSync(target, pdf);
        if (!o.json) io.stderr(`letter ${line.number} for ${what}: ${target}`);
      } catch (e) {
        unwritten++;
        io.stderr(`letter ${line.number} for ${what} is issued but ${target} could not be written (${(e as Error).message}): tierline letter export ${line.number} --out FILE.pdf`);
      }
    },
  });
  const issued = done.filter((l) => l.state === 'issued').length;
  // With --json, standard output holds the one JSON document.
  (o.json ? io.stderr : io.stdout)(`letters: ${issued} issued into ${o.dir}, ${done.length - issued} skipped`);
  return unwritten ? EXIT.STORE : EXIT.OK;
}
