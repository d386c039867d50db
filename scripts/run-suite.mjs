// Runs one test suite with node's own test runner (Node 20 has no glob support for --test, so the files
// are listed here). Prints the spec report and writes a TAP copy that scripts/test-all.sh adds up.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [suite, ...rest] = process.argv.slice(2);
if (!suite) {
  console.error('usage: node scripts/run-suite.mjs <unit|e2e> [file filter]');
  process.exit(2);
}
const root = resolve(import.meta.dirname, '..');
const dir = join(root, 'test', suite);

function walk(d) {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.test.ts') ? [p] : [];
  });
}
let files = walk(dir).sort();
if (rest.length) files = files.filter((f) => rest.some((r) => f.includes(r)));
if (files.length === 0) {
  console.error(`no test files found in ${dir}`);
  process.exit(1);
}
const reports = join(root, 'test-artifacts', 'reports');
mkdirSync(reports, { recursive: true });
const concurrency = suite === 'e2e' ? '1' : '2';
const r = spawnSync(
  process.execPath,
  [
    '--import', 'tsx',
    '--test',
    `--test-concurrency=${concurrency}`,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${join(reports, `${suite}.tap`)}`,
    ...files,
  ],
  { stdio: 'inherit', cwd: root },
);
process.exit(r.status ?? 1);
