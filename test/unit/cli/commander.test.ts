// What a new user tries first, on every command the program defines (walked from the commander program,
// so a command added later is covered without editing this file): --help on each command and subcommand
// answers on stdout with exit 0; --version; a bare `tierline` prints help with exit 0; misspelt commands,
// subcommands and options are answered with the closest correct one (exit 2); `-` reads standard input;
// every command that only reads refuses to run without a store (exit 3) and leaves no store behind.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Command } from 'commander';
import { Determination } from '../../../shared/domain/determination';
import { buildProgram } from '../../../main/cli';
import { runCli, tempDir } from '../../support/cli';

const ROOT = resolve(import.meta.dirname, '../../..');
const CASE = join(ROOT, 'test/fixtures/cases/sc01-aia-germany.json');
const PACK = join(ROOT, 'assets/rulepacks/us-bis.ai-diffusion.enforced.json');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function commandPaths(): string[][] {
  const { program } = buildProgram({ stdout: () => {}, stderr: () => {}, env: {}, cwd: ROOT });
  const out: string[][] = [];
  const walk = (c: Command, path: string[]) => {
    for (const sub of c.commands) {
      if (sub.name() === 'help') continue;
      out.push([...path, sub.name()]);
      walk(sub, [...path, sub.name()]);
    }
  };
  walk(program, []);
  return out;
}

describe('help, version and suggestions', () => {
  const paths = commandPaths();

  test('the program defines every command a user is told about', () => {
    const top = [...new Set(paths.map((p) => p[0]))];
    for (const c of ['evaluate', 'cases', 'packs', 'shipments', 'licenses', 'letter', 'verify', 'audit', 'lists', 'screen', 'impact', 'batch', 'serve']) assert.ok(top.includes(c), `${c} is registered`);
    assert.ok(paths.length > 30, `${paths.length} commands and subcommands`);
  });

  test('--help on every command and subcommand: usage on stdout, nothing on stderr, exit 0', async () => {
    for (const p of paths) {
      const r = await runCli([...p, '--help']);
      assert.equal(r.code, 0, `${p.join(' ')} --help: ${r.stderr.join('\n')}`);
      assert.deepEqual(r.stderr, [], p.join(' '));
      assert.match(r.stdout[0], new RegExp(`^Usage: tierline ${p.join(' ')}\\b`), p.join(' '));
      assert.ok(r.stdout.some((l) => /--data-dir <dir>/.test(l)), `${p.join(' ')} --help shows the global --data-dir`);
      // -h and `tierline help CMD` say the same
      assert.deepEqual((await runCli([...p, '-h'])).stdout, r.stdout, `${p.join(' ')} -h`);
    }
    const viaHelp = await runCli(['help', 'evaluate']);
    assert.equal(viaHelp.code, 0);
    assert.deepEqual(viaHelp.stdout, (await runCli(['evaluate', '--help'])).stdout);
  });

  test('--version and -V print the package version; a bare tierline prints help and exits 0', async () => {
    for (const flag of ['--version', '-V']) {
      const r = await runCli([flag]);
      assert.equal(r.code, 0);
      assert.deepEqual(r.stdout, [VERSION]);
    }
    const bare = await runCli([]);
    assert.equal(bare.code, 0);
    assert.match(bare.stdout[0], /^Usage: tierline /);
    assert.ok(bare.stdout.some((l) => /^ {2}evaluate /.test(l)));
    assert.ok(bare.stdout.some((l) => /Exit codes: 0 done, 1 a negative answer/.test(l)));
  });

  test('misspelt commands, subcommands and options: the closest correct one, exit 2', async () => {
    const cmd = await runCli(['evalute', CASE]);
    assert.equal(cmd.code, 2);
    assert.match(cmd.stderr.join('\n'), /unknown command 'evalute'\s*\(Did you mean evaluate\?\)/);
    const sub = await runCli(['cases', 'lst']);
    assert.equal(sub.code, 2);
    assert.match(sub.stderr.join('\n'), /\(Did you mean list\?\)/);
    const opt = await runCli(['evaluate', '--jsn', CASE]);
    assert.equal(opt.code, 2);
    assert.match(opt.stderr.join('\n'), /unknown option '--jsn'\s*\(Did you mean --json\?\)/);
    const missing = await runCli(['cases', 'show']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr.join('\n'), /missing required argument 'id'/);
  });
});

describe('standard input and the store', () => {
  const dir = tempDir();
  after(() => dir.cleanup());

  test('- reads standard input: evaluate, cases import and packs verify', async () => {
    const data = join(dir.path, 'stdin');
    const text = readFileSync(CASE, 'utf8');
    const ev = await runCli(['evaluate', '--json', '--data-dir', data, '-'], {}, ROOT, text);
    assert.equal(ev.code, 0, ev.stderr.join('\n'));
    assert.equal(Determination.parse(JSON.parse(ev.stdout[0])).evaluations[0].items[0].authorization, 'AIA');
    const imp = await runCli(['cases', 'import', '--data-dir', data, '-'], {}, ROOT, text);
    assert.equal(imp.code, 0, imp.stderr.join('\n'));
    assert.match(imp.stdout[0], /^-: case 1 already stored \(identical document\)$/);
    const pv = await runCli(['packs', 'verify', '--data-dir', data, '-'], {}, ROOT, readFileSync(PACK));
    assert.equal(pv.code, 0, pv.stderr.join('\n'));
    assert.match(pv.stdout[0], /^-: VALID {2}us-bis\.ai-diffusion\.enforced v\d+/);
    const junk = await runCli(['evaluate', '--data-dir', data, '-'], {}, ROOT, 'not json');
    assert.equal(junk.code, 2);
    assert.match(junk.stderr.join('\n'), /^-: /);
  });

  test('the real binary reads a piped case from -', () => {
    const r = spawnSync('npx', ['tierline', 'evaluate', '--json', '--data-dir', join(dir.path, 'bin'), '-'], { cwd: ROOT, encoding: 'utf8', input: readFileSync(CASE, 'utf8') });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(Determination.parse(JSON.parse(r.stdout.trim())).evaluations[0].items[0].authorization, 'AIA');
  });

  test('every read-only command without a store: a plain message, exit 3, and no store is created', async () => {
    const empty = join(dir.path, 'typo');
    const readOnly: string[][] = [
      ['verify', '-'],
      ['audit', 'verify'],
      ['audit', 'list'],
      ['cases', 'list'],
      ['cases', 'show', '1'],
      ['packs', 'list'],
      ['shipments', 'list'],
      ['licenses', 'list'],
      ['licenses', 'show', 'D1100001'],
      ['licenses', 'draft', '1'],
      ['letter', 'list'],
      ['letter', 'trust', 'list'],
      ['lists', 'show'],
      ['lists', 'config'],
      ['letter', 'export', 'TL-2026-000001', '--out', join(dir.path, 'never.pdf')],
      ['screen', 'Sugon'],
      ['screening', 'show', '1'],
      ['impact', PACK],
    ];
    for (const argv of readOnly) {
      const r = await runCli([...argv, '--data-dir', empty], {}, ROOT, Buffer.alloc(0));
      assert.equal(r.code, 3, `${argv.join(' ')}: ${r.stdout.join('\n')} ${r.stderr.join('\n')}`);
      assert.match(r.stderr.join('\n'), new RegExp(`no Tierline store in ${empty.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), argv.join(' '));
      assert.deepEqual(r.stdout, [], argv.join(' '));
    }
    assert.ok(!existsSync(empty) || readdirSync(empty).length === 0, 'nothing was created');
    // The same through TIERLINE_DATA_DIR, and the real binary's exit status.
    assert.equal((await runCli(['audit', 'verify'], { TIERLINE_DATA_DIR: empty })).code, 3);
    const bin = spawnSync('npx', ['tierline', 'audit', 'verify', '--data-dir', empty], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(bin.status, 3, bin.stderr);
    assert.ok(!existsSync(join(empty, 'tierline.sqlite')));
  });
});
