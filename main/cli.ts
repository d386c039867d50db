// The command line: the same core as the desktop app, in plain Node. `npx tierline <command> …`
//
// Commands are defined with commander (https://github.com/tj/commander.js). To add one, write
// `main/core/cli/<name>.ts` exporting
//     export function register(program: Command, ctx: CliContext): void
// that calls `program.command('<name>')….action(ctx.action(async (…, cmd) => EXIT.OK))`, and add ONE line
// to REGISTER below. The body returns the exit code; read options with `optsOf(cmd)` (it includes the
// global --data-dir), print with ctx.io.stdout/stderr, open the store with withSession (pass
// { readonly: true } for a command that only reads). See docs/cli.md (generated: npm run docs:cli).
//
// Exit codes (main/core/cli/types.ts EXIT, docs/cli.md, "Exit codes"): 0 done, 1 a negative answer (INVALID,
// VOID, bad chain), 2 bad input or usage, 3 store or environment trouble.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { Command, CommanderError } from 'commander';
import { register as registerAudit } from './core/cli/audit';
import { register as registerBatch } from './core/cli/batch';
import { register as registerCases } from './core/cli/cases';
import { register as registerEvaluate } from './core/cli/evaluate';
import { register as registerImpact } from './core/cli/impact';
import { register as registerLetter } from './core/cli/letter';
import { register as registerLicenses } from './core/cli/licenses';
import { register as registerLists } from './core/cli/lists';
import { register as registerPacks } from './core/cli/packs';
import { register as registerScreen } from './core/cli/screen';
import { register as registerScreening } from './core/cli/screening';
import { register as registerServe } from './core/cli/serve';
import { register as registerShipments } from './core/cli/shipments';
import { EXIT, type CliContext, type CliIo, type Register } from './core/cli/types';
import { register as registerVerify } from './core/cli/verify';

/** Every command, in the order `tierline --help` lists them. One line per command module. */
export const REGISTER: Register[] = [
  registerEvaluate,
  registerCases,
  registerPacks,
  registerShipments,
  registerLicenses,
  registerLetter,
  registerVerify,
  registerAudit,
  registerLists,
  registerScreen,
  registerScreening,
  registerImpact,
  registerBatch,
  registerServe,
];

/**
 * The version in the checkout's package.json, found by walking up from this module: the sources sit one
 * level below it, the compiled dist/cli bundle is given a URL three levels below (scripts/build-cli.mjs).
 */
function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'tierline' && pkg.version) return pkg.version;
    } catch {
      /* not here: look one level up */
    }
    const up = dirname(dir);
    if (up === dir) return 'unknown';
    dir = up;
  }
}

const VERSION = packageVersion();

function emit(write: (line: string) => void): (s: string) => void {
  return (s) => {
    for (const line of s.replace(/\n$/, '').split('\n')) write(line);
  };
}

/** The whole program, built fresh per run so that in-process runs share no parser state. */
export function buildProgram(io: CliIo): { program: Command; ctx: CliContext; code: () => number } {
  let code: number = EXIT.OK;
  const ctx: CliContext = {
    io,
    action:
      (body) =>
      async (...args) => {
        code = await body(...args);
      },
  };
  const program = new Command('tierline')
    .description('U.S. export controls on advanced AI chips and model weights (3A090/4A090/4E091), offline.')
    .version(VERSION, '-V, --version', 'print the version')
    .option('--data-dir <dir>', 'data folder (default: TIERLINE_DATA_DIR, else the per-user application data folder)')
    .helpCommand(true)
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .configureOutput({ writeOut: emit(io.stdout), writeErr: emit(io.stderr) })
    .addHelpText(
      'after',
      '\nExit codes: 0 done, 1 a negative answer (INVALID, VOID, bad chain), 2 bad input or usage, 3 store or environment trouble.\n' +
        'A file argument of - reads standard input. Reference: docs/cli.md',
    );
  for (const register of REGISTER) register(program, ctx);
  return { program, ctx, code: () => code };
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { program, code } = buildProgram(io);
  try {
    await program.parseAsync(argv.length ? argv : ['--help'], { from: 'user' });
    return code();
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and --version are answers (exit 0); everything else commander rejects is a usage error.
      return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    io.stderr(`internal error: ${(e as Error).message}`);
    if (io.env.TIERLINE_DEBUG) io.stderr(String((e as Error).stack));
    return EXIT.STORE;
  }
}

function promptSecret(question: string): Promise<string | undefined> {
  if (!process.stdin.isTTY) return Promise.resolve(undefined);
  return new Promise((resolvePrompt) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
    process.stderr.write(question);
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolvePrompt(answer);
    });
  });
}

export function processIo(): CliIo {
  return {
    stdout: (l) => process.stdout.write(`${l}\n`),
    stderr: (l) => process.stderr.write(`${l}\n`),
    env: process.env,
    cwd: process.cwd(),
    prompt: promptSecret,
    stdin: () => readFileSync(0),
  };
}

export async function main(argv: string[]): Promise<number> {
  return run(argv, processIo());
}
