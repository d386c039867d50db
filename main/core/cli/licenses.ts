// tierline licenses add FILE.json | list [--json] | show NUMBER [--as-of D] [--json]
//                  | draft CASE_ID [--mode M] [--applicant FILE.json] [--out FILE.json|FILE.pdf]
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { addLicense, licenseUsage, listLicenses, type Db } from '../db';
import { buildApplication, describeStatus, renderApplicationPdf, statusOf } from '../licenses';
import { isValidIsoDate } from '../../../shared/domain/dates';
import { licenseStatus, LicenseParty } from '../../../shared/domain/license';
import { parseJsonWith } from '../../../shared/domain/issues';
import { parse, type Parsed } from './args';
import { ACTOR, readTextInput, withSession } from './session';
import { EXIT, type CliCommand, type CliIo } from './types';

const today = () => new Date().toISOString().slice(0, 10);

export const licensesCommand: CliCommand = {
  name: 'licenses',
  summary: 'licenses BIS granted: add one (tierline.license/1, docs/licenses.md), list, show what remains; draft an application from a determination',
  usage:
    'tierline licenses add FILE.json | list [--json] | show NUMBER [--as-of YYYY-MM-DD] [--json] | draft CASE_ID [--mode as_written|enforced] [--applicant PARTY.json] [--out FILE.json|FILE.pdf]   [--data-dir DIR]',
  async run(args, io) {
    const [sub, ...rest] = args;
    const p = parse(rest, { json: { type: 'boolean' }, 'as-of': { type: 'string' }, mode: { type: 'string' }, applicant: { type: 'string' }, out: { type: 'string' } });
    const arity: Record<string, number> = { add: 1, list: 0, show: 1, draft: 1 };
    if (typeof p === 'string' || !(sub in arity) || p.positionals.length !== arity[sub]) {
      io.stderr(`usage: ${typeof p === 'string' ? p : this.usage}`);
      return EXIT.INVALID_INPUT;
    }
    const asOf = (p.values['as-of'] as string | undefined) ?? today();
    if (!isValidIsoDate(asOf)) {
      io.stderr('--as-of: expected a calendar date written YYYY-MM-DD');
      return EXIT.INVALID_INPUT;
    }
    let text = '';
    if (sub === 'add') {
      const t = readTextInput(io, p.positionals[0]);
      if (t === null) return EXIT.INVALID_INPUT;
      text = t;
    }
    return withSession(io, p.values['data-dir'] as string | undefined, async (db) => {
      if (sub === 'add') return add(db, p.positionals[0], text, io);
      if (sub === 'list') return list(db, asOf, !!p.values.json, io);
      if (sub === 'show') return show(db, p.positionals[0], asOf, !!p.values.json, io);
      return draft(db, p, io);
    });
  },
};

function add(db: Db, file: string, text: string, io: CliIo): number {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    io.stderr(`${file}: $: not valid JSON: ${(e as Error).message}`);
    return EXIT.INVALID_INPUT;
  }
  const r = addLicense(db, raw, { actor: ACTOR });
  if (!r.ok) {
    for (const e of r.error.issues ?? [{ path: r.error.path, message: r.error.message }]) io.stderr(`${file}: ${e.path}: ${e.message}`);
    return EXIT.INVALID_INPUT;
  }
  io.stdout(`license ${r.value.license.number} added: ${r.value.license.items.length} line(s), valid ${r.value.license.issued} to ${r.value.license.expires}`);
  return EXIT.OK;
}

function list(db: Db, asOf: string, json: boolean, io: CliIo): number {
  const rows = listLicenses(db).map((rec) => ({ rec, status: licenseStatus(rec.license, licenseUsage(db, rec.id), asOf) }));
  if (json) {
    io.stdout(JSON.stringify(rows.map(({ rec, status }) => ({ license: rec.license, status }))));
    return EXIT.OK;
  }
  if (rows.length === 0) io.stdout('no licenses stored');
  for (const { rec, status } of rows) {
    const l = rec.license;
    io.stdout(`${l.number}  ${l.destination}  ${l.endUser.name}  ${l.issued}..${l.expires}  ${status.state}${status.warnings.length ? `  (${status.warnings.join('; ')})` : ''}`);
  }
  return EXIT.OK;
}

function show(db: Db, number: string, asOf: string, json: boolean, io: CliIo): number {
  const s = statusOf(db, number, asOf);
  if (!s) {
    io.stderr(`no license ${number}`);
    return EXIT.INVALID_INPUT;
  }
  if (json) {
    io.stdout(JSON.stringify(s));
    return EXIT.OK;
  }
  const l = s.license;
  io.stdout(`license ${l.number}: ${s.status.state} on ${asOf}; issued ${l.issued}, expires ${l.expires}`);
  io.stdout(`  applicant ${l.applicant.name} (${l.applicant.country}); consignee ${l.consignee.name} (${l.consignee.country}); end user ${l.endUser.name} (${l.endUser.country}); destination ${l.destination}`);
  for (const line of describeStatus(s.status)) io.stdout(line);
  for (const c of l.conditions ?? []) io.stdout(`  condition: ${c}`);
  if (l.determination) io.stdout(`  answers ${l.determination.caseId ? `case ${l.determination.caseId} ` : ''}${l.determination.determinationId ? `determination ${l.determination.determinationId}` : ''}`);
  return EXIT.OK;
}

async function draft(db: Db, p: Parsed, io: CliIo): Promise<number> {
  const caseId = Number(p.positionals[0]);
  if (!Number.isInteger(caseId) || caseId < 1) {
    io.stderr('licenses draft: expected a case id');
    return EXIT.INVALID_INPUT;
  }
  const mode = p.values.mode as string | undefined;
  if (mode !== undefined && mode !== 'as_written' && mode !== 'enforced') {
    io.stderr('--mode: expected as_written or enforced');
    return EXIT.INVALID_INPUT;
  }
  let applicant: LicenseParty | undefined;
  if (p.values.applicant) {
    const file = String(p.values.applicant);
    const t = readTextInput(io, file);
    if (t === null) return EXIT.INVALID_INPUT;
    const a = parseJsonWith(LicenseParty, t);
    if (!a.ok) {
      for (const e of a.errors) io.stderr(`${file}: ${e.path}: ${e.message}`);
      return EXIT.INVALID_INPUT;
    }
    applicant = a.value;
  }
  const r = buildApplication(db, { caseId, mode: mode as 'as_written' | 'enforced' | undefined, applicant });
  if (!r.ok) {
    io.stderr(`${r.code}: ${r.message}`);
    return EXIT.INVALID_INPUT;
  }
  const out = p.values.out as string | undefined;
  if (!out) {
    io.stdout(JSON.stringify(r.value, null, 2));
    return EXIT.OK;
  }
  const target = resolve(io.cwd, out);
  if (out.toLowerCase().endsWith('.pdf')) writeFileSync(target, await renderApplicationPdf(r.value));
  else writeFileSync(target, `${JSON.stringify(r.value, null, 2)}\n`);
  io.stdout(`draft application for case ${caseId} written to ${out} (a draft to help fill SNAP-R; nothing was sent). Still to complete: ${r.value.missing.length} item(s)`);
  return EXIT.OK;
}
