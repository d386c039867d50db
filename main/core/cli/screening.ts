// tierline screening show CASE [--json] | decide CASE --candidate P.C… (--confirm | --clear) --reason TEXT [--officer NAME]
// The screening section of a case's current determination, and the officer's decision on its candidates:
// each decision is recorded with its reason (audited, kept) and the case is evaluated again, so a letter
// can be issued once no candidate is left undecided.
import { userInfo } from 'node:os';
import { getCase, latestDetermination } from '../db';
import { caseCandidates, decideScreening } from '../services/screening-decisions';
import { parse } from './args';
import { withSession } from './session';
import { EXIT, type CliCommand, type CliIo } from './types';
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

function officerOf(io: CliIo, flag: string | undefined): string {
  if (flag?.trim()) return flag.trim();
  if (io.env.TIERLINE_OFFICER) return io.env.TIERLINE_OFFICER;
  try {
    return userInfo().username;
  } catch {
    return 'officer';
  }
}

export const screeningCommand: CliCommand = {
  name: 'screening',
  summary: 'a case\'s screening result, and the officer\'s confirm/clear of its candidates (with a reason; audited)',
  usage: 'tierline screening show CASE [--json] | decide CASE --candidate P.C [--candidate P.C…] (--confirm | --clear) --reason TEXT [--officer NAME]   [--data-dir DIR]',
  async run(args, io) {
    const [sub, ...rest] = args;
    const p = parse(rest, { json: { type: 'boolean' }, candidate: { type: 'string', multiple: true }, confirm: { type: 'boolean' }, clear: { type: 'boolean' }, reason: { type: 'string' }, officer: { type: 'string' } });
    if (typeof p === 'string' || !['show', 'decide'].includes(sub ?? '') || p.positionals.length !== 1 || !/^\d+$/.test(p.positionals[0])) {
      io.stderr(`usage: ${typeof p === 'string' ? p : this.usage}`);
      return EXIT.INVALID_INPUT;
    }
    const caseId = Number(p.positionals[0]);
    const refs = (p.values.candidate as unknown as string[] | undefined) ?? [];
    if (sub === 'decide') {
      if (!refs.length) {
        io.stderr('--candidate: name at least one candidate as P.C (see tierline screening show CASE)');
        return EXIT.INVALID_INPUT;
      }
      if (Boolean(p.values.confirm) === Boolean(p.values.clear)) {
        io.stderr('give exactly one of --confirm (the party is the listed entry) or --clear (it is not)');
        return EXIT.INVALID_INPUT;
      }
      if (!(p.values.reason as string | undefined)?.trim()) {
        io.stderr('--reason: say why (e.g. "different registration number and address")');
        return EXIT.INVALID_INPUT;
      }
    }
    return withSession(io, p.values['data-dir'] as string | undefined, (db) => {
      const c = getCase(db, caseId);
      const det = c ? latestDetermination(db, caseId) : null;
      if (!c || !det) {
        io.stderr(c ? `case ${caseId} has not been evaluated` : `no case ${caseId}`);
        return EXIT.INVALID_INPUT;
      }
      if (sub === 'show') {
        if (p.values.json) io.stdout(JSON.stringify({ caseId, determinationId: det.id, current: det.caseSha256 === c.sha256, screening: det.document.screening ?? null }));
        else printSection(io, caseId, det.document);
        return EXIT.OK;
      }
      const all = caseCandidates(det.document);
      const picked = [];
      for (const ref of refs) {
        const f = all.find((x) => x.ref === ref);
        if (!f) {
          io.stderr(`--candidate ${ref}: case ${caseId} has no candidate ${ref} (${all.length ? `it has ${all.map((x) => x.ref).join(', ')}` : 'it has none'})`);
          return EXIT.INVALID_INPUT;
        }
        picked.push({ party: f.party, list: f.candidate.list, entryId: f.candidate.entryId, verdict: p.values.confirm ? ('confirmed' as const) : ('cleared' as const), reason: p.values.reason as string });
      }
      // the decision is the officer's: it is recorded (and audited) under their name
      const r = decideScreening(db, { caseId, decisions: picked }, { actor: officerOf(io, p.values.officer as string | undefined) });
      if (!r.ok) {
        io.stderr(`${r.error.code}: ${r.error.path}: ${r.error.message}`);
        return r.error.code === 'INVALID_INPUT' ? EXIT.INVALID_INPUT : EXIT.FAILED;
      }
      if (p.values.json) {
        io.stdout(JSON.stringify({ caseId, determinationId: r.value.determinationId, decisions: r.value.decisions, screening: r.value.determination.screening }));
        return EXIT.OK;
      }
      for (const d of r.value.decisions) io.stdout(`recorded: "${d.partyName}" ~ ${d.listCode} ${d.entryId}: ${d.verdict} (${d.reason})`);
      io.stdout(`case ${caseId} evaluated again: determination ${r.value.determinationId}`);
      printSection(io, caseId, r.value.determination);
      return EXIT.OK;
    });
  },
};
