// tierline impact FILE [--json] [--date YYYY-MM-DD]   (read-only)
// What a candidate rule pack or screening-list file would change in the stored cases and issued letters,
// before it is accepted. The file is verified as an import would verify it and is not installed; nothing
// stored changes. Progress goes to stderr; Ctrl-C stops at the next step and prints what was found.
import type { Command } from 'commander';
import type { Db } from '../db';
import { CHANGE_KINDS, loadCandidate, runImpact, type ImpactReport } from '../services/impact';
import { readDatedInput, withSession } from './session';
import { EXIT, optsOf, type CliContext, type CliIo } from './types';

const KIND_LABEL: Record<(typeof CHANGE_KINDS)[number], string> = {
  license_required: 'license required',
  authorization: 'authorization',
  review_policy: 'review policy',
  tier: 'tier',
  cap: 'caps',
  screening: 'screening hits',
};

const n = (x: number): string => x.toLocaleString('en-US');

export function printImpact(io: CliIo, r: ImpactReport): void {
  const c = r.candidate;
  if (c.kind === 'pack') {
    io.stdout(`candidate: ${c.id} v${c.version} (${c.mode}) "${c.title}", sha256 ${c.sha256}, signed by ${c.keyId}; ${c.replaces ? `the installed version is v${c.replaces.version}${c.replaces.sha256 === c.sha256 ? ' (the same pack)' : ''}` : 'no version installed'}`);
  } else {
    io.stdout(`candidate: screening list ${c.fileName} of ${c.date}, ${n(c.entryCount)} entries, sha256 ${c.sha256}; ${c.replaces ? `the active list is of ${c.replaces.date}` : 'no list is active'}`);
  }
  io.stdout(`cases: ${n(r.scanned)} of ${n(r.total)} with a determination looked at${r.cancelled ? ' (CANCELLED: the figures below are partial)' : ''}${r.notInMode ? `; ${n(r.notInMode)} evaluated in the other mode only` : ''}${r.sameRulesOnDate ? `; ${n(r.sameRulesOnDate)} dated where the candidate's rules equal the active pack's (cannot change, not evaluated again)` : ''}; ${n(r.elapsedMs)} ms`);
  for (const [mode, s] of Object.entries(r.modes)) {
    const kinds = CHANGE_KINDS.filter((k) => k !== 'screening').map((k) => `${KIND_LABEL[k]} ${n(s.byKind[k])}`).join(', ');
    io.stdout(`${mode}: ${n(s.changedCases)} of ${n(s.evaluated)} case(s) change (${kinds})`);
  }
  if (r.screening) io.stdout(`screening: ${n(r.screening.changedCases)} of ${n(r.screening.screened)} case(s) change their hits`);
  for (const ci of r.changes) {
    io.stdout(`  case ${ci.caseId}${ci.reference ? ` ${ci.reference}` : ''}  ${ci.date}  ${ci.destination}  ${ci.endUser}${ci.mode ? `  [${ci.mode}]` : ''}`);
    for (const ch of ci.changes) {
      const where = ch.item === null ? '' : `item ${ch.item + 1} `;
      io.stdout(`    ${where}${KIND_LABEL[ch.kind]}${ch.subject ? ` (${ch.subject})` : ''}: ${ch.before}  →  ${ch.after}`);
    }
  }
  if (r.letters.length) {
    io.stdout(`issued letters whose outcome would change (to supersede): ${r.letters.length}`);
    for (const l of r.letters) io.stdout(`  ${l.number} (case ${l.caseId}${l.mode ? `, ${l.mode}` : ''}): ${l.before}  →  ${l.after}${l.alreadyDiffersUnderActive ? '  [already differs under the active pack]' : ''}`);
  } else io.stdout('issued letters whose outcome would change: none');
  for (const e of r.errors) io.stderr(`case ${e.caseId}: not evaluated: ${e.message}`);
  io.stdout(r.note);
}

export function register(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  program
    .command('impact')
    .summary('what a candidate rule pack or screening list would change in the stored cases and issued letters (nothing is installed or stored)')
    .description(
      'Verify a candidate rule pack or screening-list file as an import would, evaluate every stored case under the active pack and the candidate on the same ledger, and list per mode what changes and which issued letters to supersede. Nothing stored changes (the store is opened read-only). Progress goes to standard error; Ctrl-C stops at the next step and prints what was found (exit 1).',
    )
    .argument('<file>', 'a signed rule pack (JSON) or a Consolidated Screening List (CSV or JSON, optionally gzipped); - for standard input')
    .option('--date <YYYY-MM-DD>', 'the list date of a screening-list candidate (default: from the file)')
    .option('--json', 'the report as one JSON document (tierline.impact/1)')
    .action(
      ctx.action((file: string, _o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        const input = readDatedInput(io, file, o.date);
        if (typeof input === 'number') return input;
        return withSession(io, o.dataDir, (db) => impact(db, file, input.bytes, input.date, Boolean(o.json), io), { readonly: true });
      }),
    );
}

async function impact(db: Db, file: string, bytes: Buffer, date: string | undefined, json: boolean, io: CliIo): Promise<number> {
  const cand = loadCandidate(db, { bytes, fileName: file, listDate: date });
  if (!cand.ok) {
    io.stderr(`${file}: ${cand.error.code}: ${cand.error.message}`);
    for (const e of cand.error.errors ?? []) io.stderr(`${file}: ${e.path}: ${e.message}`);
    return EXIT.INVALID_INPUT;
  }
  const ac = new AbortController();
  const onSigint = (): void => ac.abort();
  process.once('SIGINT', onSigint);
  let lastTenth = 0;
  try {
    const report = await runImpact(db, cand.value, {
      signal: ac.signal,
      onProgress: ({ done, total }) => {
        const tenth = total ? Math.floor((done * 10) / total) : 10;
        if (total >= 1000 && tenth > lastTenth) {
          lastTenth = tenth;
          io.stderr(`impact: ${n(done)} / ${n(total)} cases`);
        }
      },
    });
    if (json) io.stdout(JSON.stringify(report));
    else printImpact(io, report);
    return report.cancelled ? EXIT.NEGATIVE : EXIT.OK;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
