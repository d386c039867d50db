// One engine thread of bench/evaluate: generates and parses its slice of the stream (untimed), then on
// "go" evaluates it and reports how long that took.
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { Case } from '../shared/domain/case';
import { evaluateCase, type PackSet } from '../shared/engine';
import { canonicalSha256 } from '../main/core/db/hash';
import { loadTrustRoot, verifyPackText } from '../main/core/rulepacks';
import { generateCases } from './generate';

const { n, seed, packTexts, trustDir } = workerData as { n: number; seed: number; packTexts: string[]; trustDir: string };
const trust = loadTrustRoot(trustDir);
const packs = {} as PackSet;
for (const text of packTexts) {
  const v = verifyPackText(text, { trust });
  if (!v.ok) throw new Error(v.error.message);
  packs[v.pack.body.mode] = v.pack;
}
const docs = generateCases(n, seed);
const parsed = docs.map((d) => Case.parse(d));
const digests = docs.map((d) => canonicalSha256(d));
for (let i = 0; i < Math.min(n, 3000); i++) evaluateCase({ case: parsed[i], caseSha256: digests[i], packs, ledger: [], hints: false });
parentPort!.postMessage({ ready: true });
parentPort!.once('message', () => {
  const t0 = performance.now();
  let licenses = 0;
  for (let i = 0; i < n; i++) {
    if (evaluateCase({ case: parsed[i], caseSha256: digests[i], packs, ledger: [], hints: false }).determination.evaluations[0].licenseRequired) licenses++;
  }
  parentPort!.postMessage({ ms: performance.now() - t0, licenses });
});
