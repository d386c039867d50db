// tierline verify FILE.pdf [--trust FINGERPRINT]… [--json]: VALID / INVALID(reason) / ERROR(reason).
// Exit 0 VALID, 1 INVALID, 2 ERROR or usage. The trust list is this installation's (plus --trust).
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDatabase } from '../db';
import { trustedFingerprints } from '../identity';
import { MAX_VERIFY_BYTES, registryStatus, verifyLetterPdf, type RegistryStatus, type VerifyResult } from '../letters';
import { databasePath, resolveDataDir } from '../paths';
import { sha256Hex } from '../identity/keys';
import { parse } from './args';
import { EXIT, type CliCommand } from './types';

export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: 'check a determination letter offline: one signature over the whole file, trusted office, embedded records and QR agree',
  usage: 'tierline verify FILE.pdf [--trust FINGERPRINT]… [--json] [--data-dir DIR]',
  async run(args, io) {
    const p = parse(args, { trust: { type: 'string', multiple: true }, json: { type: 'boolean' } });
    if (typeof p === 'string' || p.positionals.length !== 1) {
      io.stderr(`usage: ${typeof p === 'string' ? p : this.usage}`);
      return EXIT.INVALID_INPUT;
    }
    const file = resolve(io.cwd, p.positionals[0]);
    const report = (r: VerifyResult, registry?: RegistryStatus): number => {
      if (p.values.json) {
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
      if (registry?.known && !p.values.json) {
        const s = registry.letter;
        io.stdout(`  registry: ${s.status}${s.voidReason ? ` (${s.voidReason})` : ''}${s.status === 'superseded' ? ' by a newer letter' : ''}${registry.sameBytes ? '' : '; the registry holds different bytes for this number'}`);
      }
      return r.status === 'VALID' ? EXIT.OK : r.status === 'INVALID' ? EXIT.FAILED : EXIT.INVALID_INPUT;
    };
    let bytes: Buffer;
    try {
      const st = statSync(file);
      if (!st.isFile()) return report({ status: 'ERROR', code: 'UNREADABLE', reason: `${p.positionals[0]} is not a file` });
      if (st.size > MAX_VERIFY_BYTES) return report({ status: 'ERROR', code: 'TOO_LARGE', reason: `the file is larger than ${MAX_VERIFY_BYTES / 1024 / 1024} MB` });
      bytes = readFileSync(file);
    } catch (e) {
      return report({ status: 'ERROR', code: 'UNREADABLE', reason: `cannot read ${p.positionals[0]}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
    }
    const trust = [...((p.values.trust as unknown as string[] | undefined) ?? [])];
    const opened = openDatabase(databasePath(resolveDataDir({ flag: p.values['data-dir'] as string | undefined, env: io.env })));
    if (!opened.ok) io.stderr(`note: no local store (${opened.error.message}); using --trust only`);
    try {
      if (opened.ok) trust.push(...trustedFingerprints(opened.value));
      const r = verifyLetterPdf(bytes, { trustedFingerprints: trust });
      const registry = opened.ok && r.status !== 'ERROR' && 'letter' in r && r.letter?.letterNumber
        ? registryStatus(opened.value, r.letter.letterNumber, sha256Hex(bytes))
        : undefined;
      return report(r, registry);
    } finally {
      if (opened.ok) opened.value.close();
    }
  },
};
