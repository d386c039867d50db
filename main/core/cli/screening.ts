// tierline screening show CASE [--json] | decide CASE --candidate P.C… (--confirm | --clear) --reason TEXT [--officer NAME]
// The screening section of a case's current determination, and the officer's decision on its candidates:
// each decision is recorded with its reason (audited, kept) and the case is evaluated again, so a letter
// can be issued once no candidate is left undecided.
import { getCase, latestDetermination, type Db } from '../db';
import { caseCandidates, decideScreening } from '../services/screening-decisions';
import type { Command } from 'commander';
import { withSession } from './session';
import { EXIT, optsOf, type CliContext, type CliIo } from './types';
import type { Determination } from '../../../shared/domain/determination';

function printSection(io: CliIo, caseId: number, d: Determination): void {
  const s = d.screening;
  if (!s) {
    io.stdout(`case ${caseId}: the determination has no screening section (evaluated before screening existed): evaluate it again`);
    return;
  }
  io.stdout(`case ${caseId}: screening ${s.status.replace(/_/g, ' ')}${s.list ? ` (list of ${s.list.date}, sha256 ${s.list.sha256}${s.list.stale ? ', OUT OF DATE' : ''})` : ''}`);
  const refs = caseCandidates(d);
  s.parties.forEach((p, i) => {
    io.stdout(`  ${i + 1}. ${p.role.replace(/_/g, ' ')} "${p.name}"${p.country ? ` ${p.country}` : ''}${p.ownerOf ? ` (owns ${p.ownerOf.percent} % of ${p.ownerOf.name})` : ''}: ${p.status.replace(/_/g, ' ')}`);
    for (const r of refs.filter((x) => x.party === p.name && x.role === p.role)) {
      const c = r.candidate;
      const who = c.officer ? `${c.officer.verdict} by ${c.officer.by} (${c.officer.reason})` : c.decision === 'review' ? 'UNDECIDED' : 'match';
      io.stdout(`     ${r.ref}  ${c.decision.toUpperCase().padEnd(6)} ${c.score.toFixed(3)}  ${c.list.padEnd(6)} ${c.name}  [entry ${c.entryId}]  ${who}`);
    }
  });
}

/** The deciding officer: --officer or TIERLINE_OFFICER, never the login name (a decision is a person's). */
function officerOf(io: CliIo, flag: string | undefined): string | null {
  if (flag?.trim()) return flag.trim();
  return io.env.TIERLINE_OFFICER?.trim() || null;
}

/** The case id argument of a subcommand, or null after saying why. */
function caseIdOf(io: CliIo, sub: string, arg: string): number | null {
  if (/^\d+$/.test(arg)) return Number(arg);
  io.stderr(`screening ${sub}: expected a case id, got "${arg}"`);
  return null;
}

/** A stored case with its latest determination, or null after saying which is missing. */
function evaluatedCase(db: Db, io: CliIo, caseId: number) {
  const c = getCase(db, caseId);
  const det = c ? latestDetermination(db, caseId) : null;
  if (c && det) return { c, det };
  io.stderr(c ? `case ${caseId} has not been evaluated` : `no case ${caseId}`);
  return null;
}

export function register(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  const screening = program
    .command('screening')
    .summary("a case's screening result, and the officer's confirm/clear of its candidates (with a reason; audited)")
    .description("The screening section of a case's current determination; an officer confirms or clears each candidate with a reason, and the case is evaluated again (docs/screening.md).");

  screening
    .command('show')
    .summary("a case's screened parties and candidates, numbered P.C")
    .argument('<case>', 'case id')
    .option('--json', 'one JSON document {caseId, determinationId, current, screening}')
    .action(
      ctx.action((caseArg: string, _o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        const caseId = caseIdOf(io, 'show', caseArg);
        if (caseId === null) return EXIT.USAGE;
        return withSession(io, o.dataDir, (db) => {
          const found = evaluatedCase(db, io, caseId);
          if (!found) return EXIT.INVALID_INPUT;
          const { c, det } = found;
          if (o.json) io.stdout(JSON.stringify({ caseId, determinationId: det.id, current: det.caseSha256 === c.sha256, screening: det.document.screening ?? null }));
          else printSection(io, caseId, det.document);
          return EXIT.OK;
        }, { readonly: true });
      }),
    );

  screening
    .command('decide')
    .summary('confirm or clear candidates with a reason; the case is evaluated again')
    .argument('<case>', 'case id')
    .option('--candidate <P.C...>', 'the candidate(s), as numbered by screening show')
    .option('--confirm', 'the party is the listed entry')
    .option('--clear', 'the party is not the listed entry')
    .option('--reason <text>', 'why (recorded and audited)')
    .option('--officer <name>', 'the deciding officer (default: TIERLINE_OFFICER; required)')
    .option('--json', 'one JSON document {caseId, determinationId, decisions, screening}')
    .action(
      ctx.action((caseArg: string, _o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        const caseId = caseIdOf(io, 'decide', caseArg);
        if (caseId === null) return EXIT.USAGE;
        const refs = (o.candidate as string[] | undefined) ?? [];
        if (!refs.length) {
          io.stderr('--candidate: name at least one candidate as P.C (see tierline screening show CASE)');
          return EXIT.USAGE;
        }
        if (Boolean(o.confirm) === Boolean(o.clear)) {
          io.stderr('give exactly one of --confirm (the party is the listed entry) or --clear (it is not)');
          return EXIT.USAGE;
        }
        if (!(o.reason as string | undefined)?.trim()) {
          io.stderr('--reason: say why (e.g. "different registration number and address")');
          return EXIT.USAGE;
        }
        const officer = officerOf(io, o.officer as string | undefined);
        if (!officer) {
          io.stderr('--officer: a decision is recorded under the name of the officer who makes it: give --officer NAME or set TIERLINE_OFFICER (the login name is never used)');
          return EXIT.USAGE;
        }
        return withSession(io, o.dataDir, (db) => {
          const found = evaluatedCase(db, io, caseId);
          if (!found) return EXIT.INVALID_INPUT;
          const { det } = found;
          const all = caseCandidates(det.document);
          const picked = [];
          for (const ref of refs) {
            const f = all.find((x) => x.ref === ref);
            if (!f) {
              io.stderr(`--candidate ${ref}: case ${caseId} has no candidate ${ref} (${all.length ? `it has ${all.map((x) => x.ref).join(', ')}` : 'it has none'})`);
              return EXIT.INVALID_INPUT;
            }
            picked.push({ party: f.party, list: f.candidate.list, entryId: f.candidate.entryId, verdict: o.confirm ? ('confirmed' as const) : ('cleared' as const), reason: o.reason as string });
          }
          // the decision is the officer's: it is recorded (and audited) under their name
          const r = decideScreening(db, { caseId, decisions: picked }, { actor: officer });
          if (!r.ok) {
            io.stderr(`${r.error.code}: ${r.error.path}: ${r.error.message}`);
            return r.error.code === 'INVALID_INPUT' ? EXIT.INVALID_INPUT : EXIT.FAILED;
          }
          if (o.json) {
            io.stdout(JSON.stringify({ caseId, determinationId: r.value.determinationId, decisions: r.value.decisions, screening: r.value.determination.screening }));
            return EXIT.OK;
          }
          for (const d of r.value.decisions) io.stdout(`recorded: "${d.partyName}" ~ ${d.listCode} ${d.entryId}: ${d.verdict} (${d.reason})`);
          io.stdout(`case ${caseId} evaluated again: determination ${r.value.determinationId}`);
          printSection(io, caseId, r.value.determination);
          return EXIT.OK;
        });
      }),
    );
}
