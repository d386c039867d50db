// tierline batch FILE.csv|FILE.xlsx [--map MAPPING.json] [--sheet NAME] [--out RESULTS.csv|.xlsx|.json]
//                [--json] [--skip-invalid] [--save-map FILE]
// Evaluates every order line of an order book in both modes and screens each customer. Lines with the
// same order reference are one case. A summary on stdout (with --json: the tierline.batch-results/1
// document without the per-case determinations); the results file written with --out. Exit 0 when every
// line was evaluated; 2 with the row-named problems on stderr when a line was invalid: then, without
// --skip-invalid, nothing is evaluated or stored (and no results file is written); with it, the valid
// lines are evaluated and stored and the results list the invalid ones with their problem.
import { readFileSync, writeFileSync } from 'node:fs';
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
import { parse } from './args';
import { ACTOR, withSession } from './session';
import { EXIT, type CliCommand, type CliIo } from './types';

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

export const batchCommand: CliCommand = {
  name: 'batch',
  summary: 'evaluate every line of an order book (CSV or XLSX) in both modes, screen the customers, write the results',
  usage: 'tierline batch FILE.csv|FILE.xlsx [--map MAPPING.json] [--sheet NAME] [--out RESULTS.csv|.xlsx|.json] [--json] [--skip-invalid] [--save-map FILE]   [--data-dir DIR]',
  async run(args, io) {
    const p = parse(args, {
      map: { type: 'string' },
      mapping: { type: 'string' },
      sheet: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
      'skip-invalid': { type: 'boolean' },
      'save-map': { type: 'string' },
      quiet: { type: 'boolean' },
    });
    if (typeof p === 'string') {
      io.stderr(`usage: ${p}`);
      return EXIT.INVALID_INPUT;
    }
    if (p.positionals.length !== 1) {
      io.stderr(`usage: ${this.usage}`);
      return EXIT.INVALID_INPUT;
    }
    const file = resolve(io.cwd, p.positionals[0]);
    const out = p.values.out as string | undefined;
    const outFormat = out ? resultsFormatOf(out) : null;
    if (out && !outFormat) {
      io.stderr(`--out: expected a file ending in .csv, .xlsx or .json, got "${out}"`);
      return EXIT.INVALID_INPUT;
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      io.stderr(`cannot read ${file}: ${(e as Error).message}`);
      return EXIT.INVALID_INPUT;
    }
    let mapping: MappingFile | undefined;
    const mapPath = (p.values.map ?? p.values.mapping) as string | undefined;
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
    return withSession(io, p.values['data-dir'] as string | undefined, async (db) => {
      const loaded = await loadBatch(db, bytes, file, { mapping, sheet: p.values.sheet as string | undefined });
      if (!loaded.ok) {
        for (const x of loaded.problems) io.stderr(`${basename(file)}: row ${x.row}, ${x.column}: ${x.message}`);
        return EXIT.INVALID_INPUT;
      }
      const { sheet, plan } = loaded;
      if (p.values['save-map']) {
        const target = resolve(io.cwd, p.values['save-map'] as string);
        writeFileSync(target, `${JSON.stringify(mappingFile(sheet.headers, plan.mapping, { name: mapping?.name ?? basename(file), sheet: sheet.name === 'csv' ? undefined : sheet.name }), null, 2)}\n`);
        io.stderr(`mapping saved to ${target}`);
      }
      for (const x of plan.invalid) io.stderr(`row ${x.row}, ${x.column}: ${x.message}`);
      const anyInvalid = plan.invalid.length > 0;
      const skip = p.values['skip-invalid'] === true;
      if (anyInvalid && !skip) {
        const lines = batchResultLines(sheet, plan, null);
        const s = batchSummary(plan, lines, false);
        if (p.values.json) io.stdout(JSON.stringify({ ...resultsJson(file, plan, lines, null), cases: undefined }));
        else for (const l of summaryLines({ ...s, evaluated: 0, cases: 0 })) io.stdout(l);
        io.stderr(`${s.invalid} invalid line(s): nothing evaluated or stored${out ? `, ${out} not written` : ''}; fix the file, or run again with --skip-invalid to evaluate the ${s.valid} valid line(s)`);
        return EXIT.INVALID_INPUT;
      }
      const run = await runBatch(db, plan, { actor: ACTOR, onProgress: p.values.quiet || p.values.json ? undefined : progressPrinter(io) });
      if (run.status === 'refused') {
        io.stderr(`${run.code}: ${run.message}; nothing stored`);
        return EXIT.FAILED;
      }
      if (run.status === 'cancelled') {
        io.stderr('cancelled: nothing stored');
        return EXIT.FAILED;
      }
      for (const w of run.warnings) io.stderr(`warning: ${w}`);
      const lines = batchResultLines(sheet, plan, run);
      if (out && outFormat) {
        const target = resolve(io.cwd, out);
        writeFileSync(target, await resultsBytes(outFormat, file, plan, lines, run));
        if (!p.values.json) io.stderr(`results written to ${target}`);
      }
      if (p.values.json) {
        const doc = resultsJson(file, plan, lines, run);
        io.stdout(JSON.stringify({ ...doc, cases: doc.cases.map(({ determination: _d, ...c }) => c) }));
      } else for (const l of summaryLines(batchSummary(plan, lines, run.stored !== null))) io.stdout(l);
      return anyInvalid ? EXIT.INVALID_INPUT : EXIT.OK;
    });
  },
};
