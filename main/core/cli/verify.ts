// tierline verify FILE.pdf [--trust FINGERPRINT]… [--json]: one of the outcomes in
// shared/domain/letter-outcome.ts (VALID, VALID_ELSEWHERE, VOID, SUPERSEDED, INVALID, ERROR) with its
// exit code (0, 0, 1, 1, 1, 2; 2 also for usage). The trust list is this installation's (plus --trust).
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDatabase } from '../db';
import { trustedFingerprints } from '../identity';
import { OUTCOME_DEFINITIONS, type LetterOutcome } from '../../../shared/domain/letter-outcome';
import { MAX_VERIFY_BYTES, letterOutcome, registerOf, verifyLetter, type VerifyResult } from '../letters';
import { databasePath, resolveDataDir } from '../paths';
import { parse } from './args';
import { EXIT, type CliCommand } from './types';

export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: 'check a determination letter offline (signature over the whole file, trusted office, records and QR agree) and against the register: VALID, VALID_ELSEWHERE, VOID, SUPERSEDED (exit 1), INVALID (1), ERROR (2)',
  usage: 'tierline verify FILE.pdf [--trust FINGERPRINT]… [--json] [--data-dir DIR]',
  async run(args, io) {
    const p = parse(args, { trust: { type: 'string', multiple: true }, json: { type: 'boolean' } });
    if (typeof p === 'string' || p.positionals.length !== 1) {
      io.stderr(`usage: ${typeof p === 'string' ? p : this.usage}`);
      return EXIT.INVALID_INPUT;
    }
    const file = resolve(io.cwd, p.positionals[0]);
    const report = (r: VerifyResult, o: LetterOutcome): number => {
      if (p.values.json) {
        const { letter, ...rest } = r as VerifyResult & { letter?: Record<string, unknown> };
        const slim = letter ? { ...letter, case: undefined, determination: undefined } : undefined;
        io.stdout(JSON.stringify({ ...o, verification: { ...rest, letter: slim } }));
      } else {
        if (o.outcome === 'INVALID' || o.outcome === 'ERROR') {
          io.stdout(`${o.outcome}(${o.reason})`);
          io.stdout(`  code ${o.code}`);
        } else {
          io.stdout(OUTCOME_DEFINITIONS[o.outcome].label);
          io.stdout(`  ${o.reason}`);
        }
        if (o.outcome === 'VOID') io.stdout(`  voided ${o.statusChangedAt ?? '(date not recorded)'}: ${o.voidReason ?? '(no reason recorded)'}`);
        if (o.outcome === 'SUPERSEDED') io.stdout(`  superseded by ${o.supersededBy ?? '(unknown)'}${o.statusChangedAt ? ` on ${o.statusChangedAt}` : ''}`);
        if (r.status === 'VALID') {
          const l = r.letter;
          io.stdout(`  letter ${l.letterNumber}, issued ${l.issuedAt} by ${l.officer} for ${l.office.name}`);
          io.stdout(`  signer ${l.signer.subject}, certificate SHA-256 ${l.signer.fingerprint}`);
          io.stdout(`  case SHA-256 ${l.caseSha256}; rules as of ${l.qr.d}; audit head at issue #${l.auditHead.seq} ${l.auditHead.hash}`);
          for (const ev of l.determination.evaluations) {
            io.stdout(`  ${ev.mode === 'as_written' ? 'as written' : 'enforced  '}: ${ev.items.map((it) => `[${it.index}] ${it.authorization}`).join(', ')}  (pack ${ev.rulePack.id} v${ev.rulePack.version})`);
          }
          if (l.supersedes) io.stdout(`  supersedes ${l.supersedes}`);
        }
        if (o.registerStatus) io.stdout(`  register: ${o.registerStatus}`);
      }
      return OUTCOME_DEFINITIONS[o.outcome].exit;
    };
    const fail = (code: 'UNREADABLE' | 'TOO_LARGE', reason: string) => {
      const r: VerifyResult = { status: 'ERROR', code, reason };
      return report(r, letterOutcome(r, '', null));
    };
    let bytes: Buffer;
    try {
      const st = statSync(file);
      if (!st.isFile()) return fail('UNREADABLE', `${p.positionals[0]} is not a file`);
      if (st.size > MAX_VERIFY_BYTES) return fail('TOO_LARGE', `the file is larger than ${MAX_VERIFY_BYTES / 1024 / 1024} MB`);
      bytes = readFileSync(file);
    } catch (e) {
      return fail('UNREADABLE', `cannot read ${p.positionals[0]}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const trust = [...((p.values.trust as unknown as string[] | undefined) ?? [])];
    const opened = openDatabase(databasePath(resolveDataDir({ flag: p.values['data-dir'] as string | undefined, env: io.env })));
    if (!opened.ok) io.stderr(`note: no local store (${opened.error.message}); using --trust only`);
    try {
      if (opened.ok) trust.push(...trustedFingerprints(opened.value));
      const { verification, outcome } = verifyLetter(bytes, trust, opened.ok ? registerOf(opened.value) : null);
      return report(verification, outcome);
    } finally {
      if (opened.ok) opened.value.close();
    }
  },
};
