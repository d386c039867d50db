// The command line: the same core as the desktop app, in plain Node. `npx tierline <command> …`
// Exit codes: 0 done, 1 failed (e.g. a verification said INVALID), 2 invalid input or usage.
import { createInterface } from 'node:readline';
import { auditCommand } from './core/cli/audit';
import { batchCommand } from './core/cli/batch';
import { casesCommand } from './core/cli/cases';
import { evaluateCommand } from './core/cli/evaluate';
import { impactCommand } from './core/cli/impact';
import { letterCommand } from './core/cli/letter';
import { licensesCommand } from './core/cli/licenses';
import { listsCommand } from './core/cli/lists';
import { packsCommand } from './core/cli/packs';
import { screenCommand } from './core/cli/screen';
import { serveCommand } from './core/cli/serve';
import { shipmentsCommand } from './core/cli/shipments';
import { EXIT, type CliCommand, type CliIo } from './core/cli/types';
import { verifyCommand } from './core/cli/verify';

export const COMMANDS: CliCommand[] = [evaluateCommand, casesCommand, packsCommand, shipmentsCommand, licensesCommand, letterCommand, verifyCommand, auditCommand, listsCommand, screenCommand, impactCommand, batchCommand, serveCommand];

function help(io: CliIo): void {
  io.stdout('Tierline: U.S. export controls on advanced AI chips and model weights (offline).');
  io.stdout('');
  for (const c of COMMANDS) io.stdout(`  ${c.usage}\n      ${c.summary}`);
  io.stdout('');
  io.stdout('Data folder: --data-dir, else TIERLINE_DATA_DIR, else the per-user application data folder.');
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
  };
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    help(io);
    return name ? EXIT.OK : EXIT.INVALID_INPUT;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.stderr(`unknown command "${name}"; run tierline --help`);
    return EXIT.INVALID_INPUT;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    io.stderr(`internal error: ${(e as Error).message}`);
    if (io.env.TIERLINE_DEBUG) io.stderr(String((e as Error).stack));
    return EXIT.FAILED;
  }
}

export async function main(argv: string[]): Promise<number> {
  return run(argv, processIo());
}
