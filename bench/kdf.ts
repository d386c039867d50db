// scrypt cost of unlocking the office identity: the new default (N = 2^17, r = 8, p = 1) against the
// old one (2^15) in the same run, so the figure carries its own baseline and the machine's load.
// npm run bench:kdf   (or: node --import tsx bench/kdf.ts)
import { loadavg } from 'node:os';
import { scryptSync } from 'node:crypto';
import { DEFAULT_KDF } from '../main/core/identity/keys';

const salt = Buffer.alloc(16, 7);
const RUNS = 5;
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function time(N: number, r: number, p: number): number {
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    scryptSync('correct horse battery staple', salt, 32, { N, r, p, maxmem: 256 * N * r });
    out.push(performance.now() - t0);
  }
  return median(out);
}
scryptSync('warm up', salt, 32, { N: 1024, r: 8, p: 1 });
const base = time(1 << 15, 8, 1);
const now = time(DEFAULT_KDF.N, DEFAULT_KDF.r, DEFAULT_KDF.p);
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; median of ${RUNS}`);
console.log(`baseline N=2^15 r=8 p=1: ${base.toFixed(0)} ms, ${(128 * (1 << 15) * 8) / 2 ** 20} MiB`);
console.log(`default  N=2^${Math.log2(DEFAULT_KDF.N)} r=${DEFAULT_KDF.r} p=${DEFAULT_KDF.p}: ${now.toFixed(0)} ms, ${(128 * DEFAULT_KDF.N * DEFAULT_KDF.r) / 2 ** 20} MiB (${(now / base).toFixed(1)}× the baseline)`);
