// Passphrases never travel in argv (ps and /proc/PID/cmdline show it to every user; shells keep history):
// every option of every command that carries a secret names a file (or /dev/fd/N, or -) instead.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Command } from 'commander';
import { buildProgram } from '../../../main/cli';
import { runCli } from '../../support/cli';

function* commands(c: Command): Generator<Command> {
  yield c;
  for (const sub of c.commands) yield* commands(sub);
}

test('no option takes a passphrase, password or secret as its value', () => {
  const { program } = buildProgram({ stdout: () => {}, stderr: () => {}, env: {}, cwd: process.cwd() });
  const secretOptions: string[] = [];
  let all = 0;
  for (const c of commands(program)) {
    for (const o of c.options) {
      all++;
      const flag = o.long ?? '';
      if (/pass|secret|password|pin\b/i.test(flag)) {
        secretOptions.push(flag);
        assert.match(flag, /-file$/, `${c.name()} ${flag} would put a secret in argv`);
      }
    }
  }
  assert.ok(all > 20, 'the walk saw the program');
  assert.ok(secretOptions.includes('--passphrase-file') && secretOptions.includes('--p12-passphrase-file'), secretOptions.join(' '));
});

test('--passphrase VALUE and --p12-passphrase VALUE are refused as unknown options', async () => {
  const a = await runCli(['letter', 'x.json', '--out', 'x.pdf', '--passphrase', 'hunter22hunter22']);
  assert.equal(a.code, 2);
  assert.match(a.stderr.join('\n'), /unknown option '--passphrase'/);
});
