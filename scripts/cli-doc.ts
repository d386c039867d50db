// Writes docs/cli.md from the commander definitions of every command (main/cli.ts REGISTER), so the
// reference cannot drift from what `tierline … --help` says: every command and subcommand, its
// arguments, options (with defaults and choices), descriptions, the text added after its help, and the
// exit codes (main/core/cli/types.ts EXIT). `npm run docs:cli` writes it; `--check` exits 1 when the
// committed file differs (test/unit/cli/cli-doc.test.ts does the same).
import type { EventEmitter } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Argument, Command, Option } from 'commander';
import { buildProgram } from '../main/cli';
import { EXIT } from '../main/core/cli/types';

export const CLI_DOC = join(import.meta.dirname, '..', 'docs', 'cli.md');

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** What the command prints after its help (addHelpText('after', …)), as commander writes it. */
function afterHelp(cmd: Command): string {
  let text = '';
  // commander keeps addHelpText() as listeners of its (EventEmitter) 'afterHelp' event
  (cmd as unknown as EventEmitter).emit('afterHelp', { error: false, command: cmd, write: (s: string) => (text += s) });
  return text.trim();
}

function pathOf(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function argumentRow(a: Argument): string {
  const name = `${a.required ? '<' : '['}${a.name()}${a.variadic ? '...' : ''}${a.required ? '>' : ']'}`;
  const extra = [a.required ? 'required' : 'optional', a.variadic ? 'one or more' : '', a.argChoices ? `one of ${a.argChoices.join(', ')}` : '', a.defaultValue !== undefined ? `default ${JSON.stringify(a.defaultValue)}` : '']
    .filter(Boolean)
    .join('; ');
  return `| \`${cell(name)}\` | ${cell(a.description)} (${extra}) |`;
}

function optionRow(o: Option): string {
  const extra = [o.mandatory ? 'required' : '', o.argChoices ? `one of ${o.argChoices.join(', ')}` : '', o.defaultValue !== undefined && o.defaultValue !== false ? `default ${o.defaultValueDescription ?? JSON.stringify(o.defaultValue)}` : '', o.envVar ? `env ${o.envVar}` : '']
    .filter(Boolean)
    .join('; ');
  return `| \`${cell(o.flags)}\` | ${cell(o.description)}${extra ? ` (${extra})` : ''} |`;
}

function visibleOptions(cmd: Command): Option[] {
  return cmd.options.filter((o) => !o.hidden);
}

function section(cmd: Command, out: string[]): void {
  const path = pathOf(cmd);
  const depth = path.split(' ').length; // tierline X → ##, tierline X Y → ###
  const visibleSubs = cmd.commands.filter((c) => !(c as unknown as { _hidden?: boolean })._hidden);
  out.push(`${'#'.repeat(Math.min(depth, 4))} \`${path}\``, '');
  out.push('```', `${path} ${cmd.usage()}`, '```', '');
  const description = cmd.description() || cmd.summary();
  if (description) out.push(description, '');
  if (cmd.aliases().length) out.push(`Aliases: ${cmd.aliases().map((a) => `\`${a}\``).join(', ')}.`, '');
  if (cmd.registeredArguments.length) {
    out.push('| argument | meaning |', '|---|---|', ...cmd.registeredArguments.map(argumentRow), '');
  }
  const opts = visibleOptions(cmd);
  if (opts.length) out.push('| option | meaning |', '|---|---|', ...opts.map(optionRow), '');
  const after = afterHelp(cmd);
  if (after) out.push('```text', after, '```', '');
  if (visibleSubs.length) {
    out.push('| subcommand | what it does |', '|---|---|');
    for (const s of visibleSubs) out.push(`| [\`${s.name()}\`](#${anchor(pathOf(s))}) | ${cell(s.summary() || s.description())} |`);
    out.push('');
    for (const s of visibleSubs) section(s, out);
  }
}

/** GitHub's heading anchor for `` `tierline packs list` ``. */
function anchor(path: string): string {
  return path.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
}

/** The program's definitions, built as `tierline` builds them. */
export function definitions(): Command {
  return buildProgram({ stdout: () => {}, stderr: () => {}, env: {}, cwd: process.cwd() }).program;
}

export function cliDoc(program: Command = definitions()): string {
  const out: string[] = [
    '# Command-line reference',
    '',
    '<!-- Generated from the command definitions by `npm run docs:cli` (scripts/cli-doc.ts); do not edit.',
    '     test/unit/cli/cli-doc.test.ts fails when this file differs from what the definitions produce. -->',
    '',
    `\`tierline\` runs the same core as the desktop app, in plain Node: \`npx tierline …\` from a checkout after`,
    '`npm ci`. Every command and subcommand answers `--help` (on standard output, exit 0); `tierline --version`',
    'prints the version; a plain `tierline` prints the list of commands. An unknown command or option is',
    'answered with the closest correct one (exit 2). Wherever a file is read, `-` reads standard input.',
    'Commands that report something take `--json` (one JSON document per line) for programs; without it',
    'they print for people. Secrets (passphrases) are never read from the command line: they come from a',
    'file named by `--passphrase-file` (`-` or `/dev/fd/N` for standard input or a file descriptor), the',
    'environment variable the command names, or the terminal prompt. Every command takes `-h, --help`',
    '(`tierline help COMMAND` is the same); it is not repeated in the tables below.',
    '',
    '## Exit codes',
    '',
    'The same for every command:',
    '',
    '| code | meaning |',
    '|---|---|',
    `| ${EXIT.OK} | done (for a check: the answer is positive, e.g. VALID, chain intact) |`,
    `| ${EXIT.NEGATIVE} | a negative answer: INVALID, VOID, SUPERSEDED, a broken audit chain, a wrong passphrase |`,
    `| ${EXIT.USAGE} | bad input or usage: an unknown option, a missing argument, a file that does not parse or validate (every error names the file and JSON path or row); nothing is stored from it |`,
    `| ${EXIT.STORE} | store or environment trouble: no store where a read-only command looks, an unreadable store, a file that cannot be written |`,
    '',
    '## The data folder',
    '',
    'Every command that uses the store finds it in `--data-dir DIR`, else `TIERLINE_DATA_DIR`, else the',
    'per-user folder (`~/.local/share/Tierline`, `~/Library/Application Support/Tierline`, `%APPDATA%\\Tierline`).',
    'Commands that only read (`verify`, `audit verify`, `cases list|show`, `packs list`, `impact`, `screen`, …)',
    'open an existing store read-only and fail with exit 3 and a plain message when there is none; only',
    'commands that write create one.',
    '',
    '## `tierline`',
    '',
    '```',
    `tierline ${program.usage()}`,
    '```',
    '',
    program.description(),
    '',
    '| option | meaning |',
    '|---|---|',
    ...visibleOptions(program).map(optionRow),
    '',
    '| command | what it does |',
    '|---|---|',
    ...program.commands.map((c) => `| [\`${c.name()}\`](#${anchor(pathOf(c))}) | ${cell(c.summary() || c.description())} |`),
    '',
  ];
  const after = afterHelp(program);
  if (after) out.push('```text', after, '```', '');
  for (const c of program.commands) section(c, out);
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

if (process.argv[1] && process.argv[1].endsWith('cli-doc.ts')) {
  const text = cliDoc();
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(CLI_DOC, 'utf8');
    } catch {
      /* missing: stale */
    }
    if (committed !== text) {
      console.error('docs/cli.md is out of date: run npm run docs:cli');
      process.exit(1);
    }
  } else {
    writeFileSync(CLI_DOC, text);
    console.log('wrote docs/cli.md');
  }
}
