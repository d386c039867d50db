// npm run bench:letters — issue-and-sign a determination letter (QR record, render, sign) against a bare
// pdfkit document with the same text and fonts, in the same run, alternating, and prints medians.
// Last line: `signed=MS bare=MS`. Targets (issue #13): signed ≤ 25 ms median, and ≤ 1.3× bare. The bare
// document is pdfkit as it comes (its own per-document word cache); letters share shaped words across
// documents (fonts.ts sharedLayoutCache) and draw the QR code with a fixed mask.
import { performance } from 'node:perf_hooks';
import { createIdentity, unlockIdentity } from '../main/core/identity';
import { buildSignedLetter, renderPlainText, verifyLetterPdf } from '../main/core/letters';
import { makeCase, makeDetermination, OFFICE, TEST_KDF } from '../test/unit/letters/fixtures';

const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const WARMUP = 5;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const p90 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];

const identity = unlockIdentity(createIdentity({ office: OFFICE, passphrase: 'benchmark passphrase', kdf: TEST_KDF }), 'benchmark passphrase');

interface Variant {
  name: string;
  endUser: string;
}
const variants: Variant[] = [
  { name: 'latin party', endUser: 'Rheinwerk Cloud GmbH' },
  { name: 'five scripts', endUser: 'Rechenzentrum Süd GmbH · Ελληνική Εταιρεία · ООО Ромашка · 华为技术有限公司 · 삼성전자' },
];

const results: Record<string, { signed: number[]; bare: number[]; bytes: number; pages: number }> = {};
for (const v of variants) {
  const c = makeCase({ endUser: { name: v.endUser, type: 'data_center', headquarters: 'DE' } });
  const d = makeDetermination(c, { lowConfidence: true });
  let n = 0;
  const issue = (sink?: string[]) =>
    buildSignedLetter(
      {
        case: c,
        determination: d,
        letterNumber: `TL-2026-${String(++n).padStart(6, '0')}`,
        issuedAt: new Date(),
        officer: 'Jane Q. Officer',
        auditHead: { seq: 41, hash: 'ab'.repeat(32) },
        pageSize: 'A4',
        identity,
      },
      sink,
    );
  const strings: string[] = [];
  const first = issue(strings);
  const check = verifyLetterPdf(first.pdf, { trustedFingerprints: [identity.fingerprint] });
  if (check.status !== 'VALID') throw new Error(`benchmark letter does not verify: ${JSON.stringify(check)}`);
  const signed: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const order = i % 2 === 0 ? ['signed', 'bare'] : ['bare', 'signed'];
    for (const which of order) {
      const t0 = performance.now();
      if (which === 'signed') issue();
      else renderPlainText(strings);
      const ms = performance.now() - t0;
      if (i >= WARMUP) (which === 'signed' ? signed : bare).push(ms);
    }
  }
  const pages = (first.pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
  results[v.name] = { signed, bare, bytes: first.pdf.length, pages };
  console.log(
    `${v.name.padEnd(13)} signed median ${median(signed).toFixed(1)} ms (p90 ${p90(signed).toFixed(1)}), bare median ${median(bare).toFixed(1)} ms (p90 ${p90(bare).toFixed(1)}), ratio ${(median(signed) / median(bare)).toFixed(2)}×, ${first.pdf.length} bytes, ${pages} pages, ${strings.length} strings`,
  );
}
const main = results['latin party'];
const s = median(main.signed);
const b = median(main.bare);
console.log(`target: signed ≤ 25 ms ${s <= 25 ? 'met' : 'MISSED'}; ≤ 1.3× bare ${s <= 1.3 * b ? 'met' : 'MISSED'} (${RUNS} runs each, after ${WARMUP} warm-up)`);
console.log(`signed=${s.toFixed(1)} bare=${b.toFixed(1)}`);
