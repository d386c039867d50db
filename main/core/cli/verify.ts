// tierline verify FILE.pdf [--trust FINGERPRINT]… [--json]: one of the outcomes in
// shared/domain/letter-outcome.ts (VALID, VALID_ELSEWHERE, VOID, SUPERSEDED, INVALID, ERROR) with its
// exit code (0, 0, 1, 1, 1, 2); 3 when there is no store here and no --trust. The trust list is this
// installation's (opened read-only) plus --trust.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { OUTCOME_DEFINITIONS, type LetterOutcome } from '../../../shared/domain/letter-outcome';
import { trustedFingerprints } from '../identity';
import { MAX_VERIFY_BYTES, letterOutcome, registerOf, verifyLetter, type VerifyResult } from '../letters';
import { openSession, readBytesInput } from './session';
import { EXIT, optsOf, type CliContext } from './types';

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

export function register(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  program
    .command('verify')
    .summary('check a determination letter offline (signature over the whole file, trusted office, records and QR agree) and against the register: VALID, VALID_ELSEWHERE, VOID, SUPERSEDED, INVALID, ERROR')
    .description(
      'Check a Tierline letter (PDF, - for standard input) offline and against this installation\'s register. Exit 0 VALID or VALID_ELSEWHERE, 1 VOID, SUPERSEDED or INVALID, 2 ERROR (not a readable letter), 3 no store here and no --trust. See docs/check-a-letter.md.',
    )
    .argument('<file>', 'the letter PDF (- for standard input)')
    .option('--trust <fingerprint>', "also trust this office certificate's SHA-256 (repeatable); needed when there is no local store", collect)
    .option('--json', 'the outcome as one JSON document {outcome, reason, …, verification}')
    .action(
      ctx.action((fileArg: string, _o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        const report = (r: VerifyResult, out: LetterOutcome): number => {
          if (o.json) {
            const { letter, ...rest } = r as VerifyResult & { letter?: Record<string, unknown> };
            const slim = letter ? { ...letter, case: undefined, determination: undefined } : undefined;
            io.stdout(JSON.stringify({ ...out, verification: { ...rest, letter: slim } }));
          } else {
            if (out.outcome === 'INVALID' || out.outcome === 'ERROR') {
              io.stdout(`${out.outcome}(${out.reason})`);
              io.stdout(`  code ${out.code}`);
            } else {
              io.stdout(OUTCOME_DEFINITIONS[out.outcome].label);
              io.stdout(`  ${out.reason}`);
            }
            if (out.outcome === 'VOID') io.stdout(`  voided ${out.statusChangedAt ?? '(date not recorded)'}: ${out.voidReason ?? '(no reason recorded)'}`);
            if (out.outcome === 'SUPERSEDED') io.stdout(`  superseded by ${out.supersededBy ?? '(unknown)'}${out.statusChangedAt ? ` on ${out.statusChangedAt}` : ''}`);
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
            if (out.registerStatus) io.stdout(`  register: ${out.registerStatus}`);
          }
          return OUTCOME_DEFINITIONS[out.outcome].exit;
        };
        const fail = (code: 'UNREADABLE' | 'TOO_LARGE', reason: string) => {
          const r: VerifyResult = { status: 'ERROR', code, reason };
          return report(r, letterOutcome(r, '', null));
        };
        let bytes: Buffer;
        try {
          if (fileArg !== '-') {
            const st = statSync(resolve(io.cwd, fileArg));
            if (!st.isFile()) return fail('UNREADABLE', `${fileArg} is not a file`);
            if (st.size > MAX_VERIFY_BYTES) return fail('TOO_LARGE', `the file is larger than ${MAX_VERIFY_BYTES / 1024 / 1024} MB`);
            bytes = readFileSync(resolve(io.cwd, fileArg));
          } else {
            bytes = readBytesInput(io, '-');
            if (bytes.length > MAX_VERIFY_BYTES) return fail('TOO_LARGE', `the input is larger than ${MAX_VERIFY_BYTES / 1024 / 1024} MB`);
          }
        } catch (e) {
          return fail('UNREADABLE', `cannot read ${fileArg}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        }
        const trust = [...((o.trust as string[] | undefined) ?? [])];
        const session = openSession(o.dataDir, io, { readonly: true });
        if (typeof session === 'string') {
          if (!trust.length) {
            io.stderr(`${session}; or name the office certificate with --trust FINGERPRINT`);
            return EXIT.STORE;
          }
          io.stderr('note: no local store; trusting only --trust');
          const { verification, outcome } = verifyLetter(bytes, trust, null);
          return report(verification, outcome);
        }
        try {
          trust.push(...trustedFingerprints(session.db));
          const { verification, outcome } = verifyLetter(bytes, trust, registerOf(session.db));
          return report(verification, outcome);
        } finally {
          session.close();
        }
      }),
    );
}
