// docs/law-sources.md names every source the built-in rule packs cite: each citation string of every
// parameter, parameter version and status period of both packs appears in it verbatim (the last section),
// its list holds nothing the packs no longer cite, and every Federal Register citation, FR document, RIN,
// GAO decision and dated BIS release the citations mention is described in the sections above that list.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const ROOT = resolve(import.meta.dirname, '../../..');
const DOC = readFileSync(join(ROOT, 'docs/law-sources.md'), 'utf8');
const LIST_HEADING = '## Every citation in the packs';
const [prose, list] = DOC.split(LIST_HEADING);

interface Cited { citation?: string }
interface Pack { status: Cited[]; parameters: Record<string, Cited & { versions?: Cited[] }> }

function citations(): Set<string> {
  const out = new Set<string>();
  for (const mode of ['as-written', 'enforced']) {
    const pack = JSON.parse(readFileSync(join(ROOT, `assets/rulepacks/us-bis.ai-diffusion.${mode}.json`), 'utf8')) as Pack;
    const add = (c: Cited) => c.citation && out.add(c.citation);
    pack.status.forEach(add);
    for (const p of Object.values(pack.parameters)) {
      add(p);
      p.versions?.forEach(add);
    }
  }
  return out;
}
const CITED = citations();

test('the packs cite something (the walk finds the citations)', () => {
  assert.ok(CITED.size >= 50, `only ${CITED.size} citations found`);
  assert.ok(list, `docs/law-sources.md has no "${LIST_HEADING}" section`);
});

test('every citation in the packs appears verbatim in docs/law-sources.md', () => {
  const missing = [...CITED].filter((c) => !list.includes(c));
  assert.deepEqual(missing, [], 'add these to the last section of docs/law-sources.md (and describe any new source above it)');
});

test('the list in docs/law-sources.md holds no citation the packs no longer carry', () => {
  const rows = [...list.matchAll(/^\| (.+?) \| (?:both|as-written|enforced) \|/gm)].map((m) => m[1]);
  assert.ok(rows.length > 0);
  assert.deepEqual(rows.filter((r) => !CITED.has(r)), []);
  assert.equal(new Set(rows).size, CITED.size);
});

test('every rule, document number, RIN, GAO decision and dated BIS release cited is described above the list', () => {
  const patterns = [/\b\d+ FR \d+\b/g, /\bFR Doc\. \d{4}-\d+/g, /\bFR \d{4}-\d+/g, /\bRIN \d{4}-[A-Z]{2}\d+/g, /\bGAO B-\d+/g, /\bBIS (?:press release|guidance(?: of)?) \d{4}-\d{2}-\d{2}/g, /\beCFR, \d{4}-\d{2}-\d{2}/g, /bis\.gov\/[\w-]+/g];
  const tokens = new Set<string>();
  for (const c of CITED) for (const re of patterns) for (const m of c.matchAll(re)) tokens.add(m[0]);
  assert.ok(tokens.has('90 FR 4544') && tokens.has('91 FR 1684') && tokens.has('BIS press release 2025-05-13'), [...tokens].join(', '));
  assert.deepEqual([...tokens].filter((t) => !prose.includes(t)), [], 'describe these sources in docs/law-sources.md above the list');
});
