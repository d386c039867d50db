// tierline verify FILE.pdf [--trust FINGERPRINT]… [--json]: VALID / INVALID(reason) / ERROR(reason).
// Exit 0 VALID, 1 INVALID (or VOID in the registry), 2 ERROR (not a letter, unreadable), 3 no store and no --trust. The trust list
// is this installation's (opened read-only) plus --trust.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { trustedFingerprints } from '../identity';
import { sha256Hex } from '../identity/keys';
import { MAX_VERIFY_BYTES, registryStatus, verifyLetterPdf, type RegistryStatus, type VerifyResult } from '../letters';
import { openSession, readBytesInput } from './session';
import { EXIT, optsOf, type CliContext } from './types';

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

export function register(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  program
    .command('verify')
    .summary('check a determination letter offline: one signature over the whole file, trusted office, embedded records and QR agree')
    .description('Check a Tierline letter (PDF, - for standard input) offline. Exit 0 VALID, 1 INVALID or VOID in the local registry, 2 ERROR (not a readable letter), 3 no store here and no --trust. See docs/check-a-letter.md.')
    .argument('<file>', 'the letter PDF')
    .option('--trust <fingerprint>', "also trust this office certificate's SHA-256 (repeatable); needed when there is no local store", collect)
    .option('--json', 'the result as one JSON document')
    .action(
      ctx.action((fileArg: string, _o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        const report = (r: VerifyResult, registry?: RegistryStatus): number => {
          if (o.json) {
            const { letter, ...rest } = r as VerifyResult & { letter?: Record<string, unknown> };
            const slim = letter ? { ...letter, case: undefined, determination: undefined } : undefined;
            io.stdout(JSON.stringify({ ...rest, letter: slim, registry }));
          } else if (r.status === 'VALID') {
            const l = r.letter;
            io.stdout('VALID');
            io.stdout(`  letter ${l.letterNumber}, issued ${l.issuedAt} by ${l.officer} for ${l.office.name}`);
            io.stdout(`  signer ${l.signer.subject}, certificate SHA-256 ${l.signer.fingerprint}`);
            io.stdout(`  case SHA-256 ${l.caseSha256}; rules as of ${l.qr.d}; audit head at issue #${l.auditHead.seq} ${l.auditHead.hash}`);
            for (const ev of l.determination.evaluations) {
              io.stdout(`  ${ev.mode === 'as_written' ? 'as written' : 'enforced  '}: ${ev.items.map((it) => `[${it.index}] ${it.authorization}`).join(', ')}  (pack ${ev.rulePack.id} v${ev.rulePack.version})`);
            }
            if (l.supersedes) io.stdout(`  supersedes ${l.supersedes}`);
          } else {
            io.stdout(`${r.status}(${r.reason})`);
            io.stdout(`  code ${r.code}`);
          }
          if (registry?.known && !o.json) {
            const s = registry.letter;
            io.stdout(`  registry: ${s.status}${s.voidReason ? ` (${s.voidReason})` : ''}${s.status === 'superseded' ? ' by a newer letter' : ''}${registry.sameBytes ? '' : '; the registry holds different bytes for this number'}`);
          }
          if (r.status === 'VALID') return registry?.known && registry.letter.status === 'void' ? EXIT.NEGATIVE : EXIT.OK;
          return r.status === 'INVALID' ? EXIT.NEGATIVE : EXIT.INVALID_INPUT;
        };
        let bytes: Buffer;
        try {
          if (fileArg !== '-') {
            const st = statSync(resolve(io.cwd, fileArg));
            if (!st.isFile()) return report({ status: 'ERROR', code: 'UNREADABLE', reason: `${fileArg} is not a file` });
            if (st.size > MAX_VERIFY_BYTES) return report({ status: 'ERROR', code: 'TOO_LARGE', reason: `the file is larger than ${MAX_VERIFY_BYTES / 1024 / 1024} MB` });
            bytes = readFileSync(resolve(io.cwd, fileArg));
          } else {
            bytes = readBytesInput(io, '-');
            if (bytes.length > MAX_VERIFY_BYTES) return report({ status: 'ERROR', code: 'TOO_LARGE', reason: `the input is larger than ${MAX_VERIFY_BYTES / 1024 / 1024} MB` });
          }
        } catch (e) {
          return report({ status: 'ERROR', code: 'UNREADABLE', reason: `cannot read ${fileArg}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
        }
        const trust = [...((o.trust as string[] | undefined) ?? [])];
        const session = openSession(o.dataDir, io, { readonly: true });
        if (typeof session === 'string') {
          if (!trust.length) {
            io.stderr(`${session}; or name the office certificate with --trust FINGERPRINT`);
            return EXIT.STORE;
          }
          io.stderr('note: no local store; trusting only --trust');
          return report(verifyLetterPdf(bytes, { trustedFingerprints: trust }));
        }
        try {
          trust.push(...trustedFingerprints(session.db));
          const r = verifyLetterPdf(bytes, { trustedFingerprints: trust });
          const registry = r.status !== 'ERROR' && 'letter' in r && r.letter?.letterNumber ? registryStatus(session.db, r.letter.letterNumber, sha256Hex(bytes)) : undefined;
          return report(r, registry);
        } finally {
          session.close();
        }
      }),
    );
}
