// tierline cases import FILE… | list [--search S] [--status S] [--json] | show ID [--json]
import { canonicalSha256, getCase, latestDetermination, listCases, saveCase, CASE_STATUSES, type CaseStatus } from '../db';
import { parseCaseText, validateCaseDocument } from '../services/evaluate';
import { parse } from './args';
import { ACTOR, readTextInput, withSession } from './session';
import { EXIT, type CliCommand, type CliIo } from './types';

function importCases(files: string[], dataDir: string | undefined, io: CliIo): Promise<number> {
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
      io.stdout(`${file}: case ${r.value.id}${r.value.created ? ' imported' : ' already stored (identical document)'}`);
    }
    return code;
  });
}

export const casesCommand: CliCommand = {
  name: 'cases',
  summary: 'import, list and show stored cases',
  usage: 'tierline cases import FILE… | list [--search TEXT] [--status STATUS] [--limit N] [--json] | show ID [--json]   [--data-dir DIR]',
  async run(args, io) {
    const [sub, ...rest] = args;
    const p = parse(rest, { json: { type: 'boolean' }, search: { type: 'string' }, status: { type: 'string' }, limit: { type: 'string' } });
    if (typeof p === 'string') {
      io.stderr(`usage: ${p}`);
      return EXIT.INVALID_INPUT;
    }
    const dataDir = p.values['data-dir'] as string | undefined;
    if (sub === 'import') {
      if (!p.positionals.length) {
        io.stderr(`usage: ${this.usage}`);
        return EXIT.INVALID_INPUT;
      }
      return importCases(p.positionals, dataDir, io);
    }
    if (sub !== 'list' && sub !== 'show') {
      io.stderr(`usage: ${this.usage}`);
      return EXIT.INVALID_INPUT;
    }
    const status = p.values.status as string | undefined;
    if (status !== undefined && !(CASE_STATUSES as readonly string[]).includes(status)) {
      io.stderr(`--status: expected one of ${CASE_STATUSES.join(', ')}`);
      return EXIT.INVALID_INPUT;
    }
    const limit = p.values.limit === undefined ? 50 : Number(p.values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) {
      io.stderr('--limit: expected a whole number from 1 to 100000');
      return EXIT.INVALID_INPUT;
    }
    let id = 0;
    if (sub === 'show') {
      id = Number(p.positionals[0]);
      if (!Number.isInteger(id) || id < 1) {
        io.stderr('cases show: expected a case id (a positive whole number)');
        return EXIT.INVALID_INPUT;
      }
    }
    return withSession(io, dataDir, (db) => {
      if (sub === 'list') {
        const page = listCases(db, { search: p.values.search as string | undefined, status: status as CaseStatus | undefined, limit });
        if (p.values.json) {
          io.stdout(JSON.stringify(page));
          return EXIT.OK;
        }
        io.stdout(`${page.total}${page.totalIsLowerBound ? "+" : ""} case(s)${(page.total ?? 0) > page.rows.length || page.totalIsLowerBound ? `, showing ${page.rows.length}` : ''}`);
        for (const c of page.rows)
          io.stdout(`${String(c.id).padStart(6)}  ${c.date}  ${c.destination}  ${c.status.padEnd(9)}  ${(c.outcome ?? '–').padEnd(19)}  ${c.endUserName}${c.reference ? `  (${c.reference})` : ''}`);
        return EXIT.OK;
      }
      const rec = getCase(db, id);
      if (!rec) {
        io.stderr(`no case ${id}`);
        return EXIT.FAILED;
      }
      const det = latestDetermination(db, id);
      if (p.values.json) {
        io.stdout(JSON.stringify({ case: rec.document, determination: det?.document ?? null }));
        return EXIT.OK;
      }
      io.stdout(`case ${rec.id}  ${rec.status}  ${rec.date}  ${rec.endUserName} → ${rec.destination}  sha256 ${rec.sha256}`);
      io.stdout(JSON.stringify(rec.document, null, 2));
      if (det) io.stdout(`latest determination ${det.id} (${det.createdAt}): ${det.licenseRequired ? 'license required' : 'no license required'}; ${det.authorizations.join(', ')}`);
      else io.stdout('not evaluated yet');
      return EXIT.OK;
    });
  },
};
