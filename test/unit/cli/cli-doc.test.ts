// docs/cli.md is generated from the commander definitions (npm run docs:cli): a definition changed
// without regenerating it fails here. The reference covers every command, subcommand and visible option,
// and the exit codes; and every command that reports something offers --json.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Command } from 'commander';
import { CLI_DOC, cliDoc, definitions } from '../../../scripts/cli-doc';

const program = definitions();

function walk(cmd: Command, path: string[] = [], out: { path: string; cmd: Command }[] = []) {
  for (const c of cmd.commands) {
    const p = [...path, c.name()];
    out.push({ path: ['tierline', ...p].join(' '), cmd: c });
    walk(c, p, out);
  }
  return out;
}
const all = walk(program);

test('docs/cli.md is what the command definitions produce (npm run docs:cli)', () => {
  assert.equal(readFileSync(CLI_DOC, 'utf8'), cliDoc(), 'docs/cli.md is stale: run npm run docs:cli');
});

test('the reference has a section for every command and subcommand, with every visible option and argument', () => {
  const doc = cliDoc();
  assert.ok(all.length > 40, `${all.length} commands`);
  for (const { path, cmd } of all) {
    const at = doc.indexOf(`# \`${path}\`\n`);
    assert.ok(at >= 0, `no section for ${path}`);
    const next = doc.indexOf('\n#', at + 1);
    const body = doc.slice(at, next < 0 ? undefined : next);
    for (const o of cmd.options.filter((x) => !x.hidden)) assert.ok(body.includes(`\`${o.flags}\``), `${path}: ${o.flags}`);
    for (const a of cmd.registeredArguments) assert.ok(body.includes(a.name()), `${path}: <${a.name()}>`);
  }
  // the exit codes, once, with their numbers
  assert.match(doc, /## Exit codes[\s\S]*\| 0 \| done[\s\S]*\| 1 \| a negative answer[\s\S]*\| 2 \| bad input or usage[\s\S]*\| 3 \| store or environment trouble/);
  // a hidden alias stays out of the reference
  assert.ok(!doc.includes('--mapping <file>'));
});

test('a changed definition no longer matches the committed reference', () => {
  const altered = definitions();
  const evaluate = altered.commands.find((c) => c.name() === 'evaluate')!;
  evaluate.option('--frobnicate', 'not a real option');
  const doc = cliDoc(altered);
  assert.notEqual(doc, readFileSync(CLI_DOC, 'utf8'));
  assert.match(doc, /\| `--frobnicate` \| not a real option \|/);
});

test('every command that reports something takes --json', () => {
  // parents only dispatch; serve runs a server; licenses draft prints JSON already (or writes --out)
  const exempt = new Set(['tierline serve', 'tierline licenses draft']);
  const leaves = all.filter(({ cmd }) => cmd.commands.length === 0);
  const missing = leaves.filter(({ path, cmd }) => !exempt.has(path) && !cmd.options.some((o) => o.long === '--json')).map(({ path }) => path);
  assert.deepEqual(missing, []);
});
