// The README is what a newcomer reads first: its first lines are the set-up, test and headless commands,
// the headless example really evaluates a case in both modes, every relative link in the README and the
// documentation resolves (file and heading), nothing points outside the repository (../shared), and the
// install-script policy the README explains is the one package.json holds.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { runCli, tempDir } from '../../support/cli';

const ROOT = resolve(import.meta.dirname, '../../..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');
const README = read('README.md');
const tmp = tempDir();
after(() => tmp.cleanup());

const DOCS = ['README.md', 'SECURITY.md', 'CHANGELOG.md', 'bench/README.md', 'test/README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
}

function anchors(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1])));
}

test('the README opens with the set-up, test and headless commands', () => {
  const lines = README.split('\n');
  assert.equal(lines[0], '# Tierline');
  assert.equal(lines[2], '```bash');
  assert.match(lines[3], /^npm ci && npm start +# .*desktop.*browser/);
  assert.match(lines[4], /^npm test +# /);
  assert.match(lines[5], /^npx tierline evaluate \S+\.json +# headless/);
  assert.equal(lines[6], '```');
});

test('the headless example evaluates its case in both modes', async () => {
  const file = /^npx tierline evaluate (\S+)/m.exec(README)![1];
  const doc = JSON.parse(read(file));
  assert.equal(doc.mode, undefined, 'a case with a mode is evaluated in that mode only');
  const r = await runCli(['--data-dir', join(tmp.path, 'data'), 'evaluate', file], {}, ROOT);
  assert.equal(r.code, 0, r.stderr.join('\n'));
  const out = r.stdout.join('\n');
  assert.match(out, /^ {2}AS WRITTEN /m);
  assert.match(out, /^ {2}ENFORCED /m);
  assert.match(out, /bottom line: BIS enforces: .* As written: /);
});

test('every relative link in the README and the docs resolves, to a file and a heading', () => {
  const broken: string[] = [];
  let count = 0;
  for (const doc of DOCS) {
    const text = read(doc).replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1];
      if (/^[a-z]+:/.test(target)) continue; // https:, mailto:
      count++;
      const [path, hash] = target.split('#');
      const file = path ? resolve(ROOT, dirname(doc), path) : join(ROOT, doc);
      if (!file.startsWith(`${ROOT}/`) && file !== ROOT) broken.push(`${doc}: ${target} leaves the repository`);
      else if (!existsSync(file)) broken.push(`${doc}: ${target} does not exist`);
      else if (hash && file.endsWith('.md') && !anchors(file).has(hash)) broken.push(`${doc}: ${target}: no such heading`);
    }
  }
  assert.deepEqual(broken, []);
  assert.ok(count > 40, `${count} links checked`);
});

test('nothing in the README or the docs sends a reader outside the repository', () => {
  for (const doc of ['README.md', ...DOCS.filter((d) => d.startsWith('docs/'))]) {
    assert.doesNotMatch(read(doc), /\.\.\/shared|\/work\//, doc);
  }
});

test('the README explains each install-script decision package.json makes', () => {
  const policy = JSON.parse(read('package.json')).allowScripts as Record<string, boolean>;
  const section = README.slice(README.indexOf('## Setting up'), README.indexOf('\n## ', README.indexOf('## Setting up') + 5));
  for (const [pkg, allowed] of Object.entries(policy)) {
    assert.match(section, new RegExp(`\`${pkg}\` (is|are) \`${allowed}\``), pkg);
  }
  assert.match(section, /connected/);
  assert.match(section, /offline/i);
});
