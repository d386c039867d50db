// tierline licenses add FILE.json | list [--json] | show NUMBER [--as-of D] [--json]
//                  | draft CASE_ID [--mode M] [--applicant FILE.json] [--out FILE.json|FILE.pdf]
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { addLicense, licenseUsage, listLicenses, type Db } from '../db';
import { buildApplication, describeStatus, renderApplicationPdf, statusOf } from '../licenses';
import { isValidIsoDate } from '../../../shared/domain/dates';
import { licenseStatus, LicenseParty } from '../../../shared/domain/license';
import { parseJsonWith } from '../../../shared/domain/issues';
import { ACTOR, readTextInput, withSession } from './session';
import { EXIT, optsOf, type CliContext, type CliIo, type Opts } from './types';

const today = () => new Date().toISOString().slice(0, 10);

function parseAsOf(value: unknown, io: CliIo): string | null {
  const asOf = (value as string | undefined) ?? today();
  if (!isValidIsoDate(asOf)) {
    io.stderr('--as-of: expected a calendar date written YYYY-MM-DD');
    return null;
  }
  return asOf;
}

export function register(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  const licenses = program
    .command('licenses')
    .summary('licenses BIS granted: add one, list, show what remains; draft an application from a determination')
    .description('Licenses BIS granted (tierline.license/1, docs/licenses.md): a shipment under LICENSE draws one down.');

  licenses
    .command('add')
    .summary('store a license document (tierline.license/1)')
    .argument('<file>', 'license JSON (- for standard input)')
    .option('--json', 'the stored license as JSON')
    .action(
      ctx.action((file: string, _o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        const text = readTextInput(io, file);
        if (text === null) return EXIT.INVALID_INPUT;
        return withSession(io, o.dataDir, (db) => add(db, file, text, Boolean(o.json), io));
      }),
    );

  licenses
    .command('list')
    .summary('list stored licenses with their state on a date')
    .option('--as-of <YYYY-MM-DD>', 'the date the state is computed for (default: today)')
    .option('--json', 'one JSON array [{license, status}]')
    .action(
      ctx.action((_o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        const asOf = parseAsOf(o.asOf, io);
        if (asOf === null) return EXIT.USAGE;
        return withSession(io, o.dataDir, (db) => list(db, asOf, Boolean(o.json), io), { readonly: true });
      }),
    );

  licenses
    .command('show')
    .summary('show one license: what remains per line, warnings, conditions')
    .argument('<number>', 'license number, e.g. D1100001')
    .option('--as-of <YYYY-MM-DD>', 'the date the state is computed for (default: today)')
    .option('--json', 'one JSON document {license, status}')
    .action(
      ctx.action((number: string, _o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        const asOf = parseAsOf(o.asOf, io);
        if (asOf === null) return EXIT.USAGE;
        return withSession(io, o.dataDir, (db) => show(db, number, asOf, Boolean(o.json), io), { readonly: true });
      }),
    );

  licenses
    .command('draft')
    .summary('draft a BIS-748P / SNAP-R application from a case that needs a license (nothing is sent)')
    .argument('<caseId>', 'case id')
    .option('--mode <mode>', 'which evaluation to draft from when both apply: as_written or enforced')
    .option('--applicant <file>', 'the applicant party as JSON {name, country, address} (- for standard input)')
    .option('--out <file>', 'write the draft to FILE.json or FILE.pdf instead of printing the JSON')
    .action(
      ctx.action((caseText: string, _o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        return draft(caseText, o, io);
      }),
    );
}

function add(db: Db, file: string, text: string, json: boolean, io: CliIo): number {
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
  if (json) {
    io.stdout(JSON.stringify(r.value));
    return EXIT.OK;
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

async function draft(caseText: string, o: Opts, io: CliIo): Promise<number> {
  const caseId = Number(caseText);
  if (!Number.isInteger(caseId) || caseId < 1) {
    io.stderr('licenses draft: expected a case id');
    return EXIT.USAGE;
  }
  const mode = o.mode as string | undefined;
  if (mode !== undefined && mode !== 'as_written' && mode !== 'enforced') {
    io.stderr('--mode: expected as_written or enforced');
    return EXIT.USAGE;
  }
  let applicant: LicenseParty | undefined;
  if (o.applicant) {
    const file = String(o.applicant);
    const t = readTextInput(io, file);
    if (t === null) return EXIT.INVALID_INPUT;
    const a = parseJsonWith(LicenseParty, t);
    if (!a.ok) {
      for (const e of a.errors) io.stderr(`${file}: ${e.path}: ${e.message}`);
      return EXIT.INVALID_INPUT;
    }
    applicant = a.value;
  }
  return withSession(io, o.dataDir, (db) => writeDraft(db, caseId, mode, applicant, o.out as string | undefined, io), { readonly: true });
}

async function writeDraft(db: Db, caseId: number, mode: string | undefined, applicant: LicenseParty | undefined, out: string | undefined, io: CliIo): Promise<number> {
  const r = buildApplication(db, { caseId, mode: mode as 'as_written' | 'enforced' | undefined, applicant });
  if (!r.ok) {
    io.stderr(`${r.code}: ${r.message}`);
    return EXIT.INVALID_INPUT;
  }
  if (!out) {
    io.stdout(JSON.stringify(r.value, null, 2));
    return EXIT.OK;
  }
  const target = resolve(io.cwd, out);
  try {
    if (out.toLowerCase().endsWith('.pdf')) writeFileSync(target, await renderApplicationPdf(r.value));
    else writeFileSync(target, `${JSON.stringify(r.value, null, 2)}\n`);
  } catch (e) {
    io.stderr(`${out}: cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return EXIT.STORE;
  }
  io.stdout(`draft application for case ${caseId} written to ${out} (a draft to help fill SNAP-R; nothing was sent). Still to complete: ${r.value.missing.length} item(s)`);
  return EXIT.OK;
}
