// tierline serve [--port N] [--no-open] [--data-dir DIR]: the workbench in the browser, for machines where
// the desktop app cannot run. Binds 127.0.0.1 only, prints one line with the address (the per-launch
// token rides in its fragment) and opens the default browser; Ctrl+C (SIGINT) or SIGTERM stops it and
// closes the store. Exit 0 after a clean stop, 1 when it cannot start, 2 on a usage error.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { localToday, headlessPlatform, type HandlerContext } from '../handlers';
import { createLogger, logCrashes, logLevelFrom } from '../log';
import { resolveDataDir } from '../paths';
import { openInBrowser, startServe } from '../serve';
import { Command, CommanderError } from 'commander';
import { EXIT, optsOf, type CliContext, type CliIo } from './types';

/** dist/renderer of the checkout (TIERLINE_RENDERER overrides). */
export function rendererDir(env: Record<string, string | undefined>): string {
  if (env.TIERLINE_RENDERER) return resolve(env.TIERLINE_RENDERER);
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../dist/renderer');
}

export interface ServeHooks {
  /** Resolves when the server should stop; the default waits for SIGINT or SIGTERM. */
  stopSignal?: () => Promise<string>;
}

function signals(): Promise<string> {
  return new Promise((resolveSignal) => {
    const on = (s: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolveSignal(s);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

function appVersion(): string {
  return '0.1.0';
}

export interface ServeOptions {
  port?: string;
  /** false for --no-open */
  open?: boolean;
  dataDir?: string;
}

export async function serve(o: ServeOptions, io: CliIo, hooks: ServeHooks = {}): Promise<number> {
  let port = 0;
  if (o.port !== undefined) {
    const s = String(o.port);
    if (!/^\d{1,5}$/.test(s) || Number(s) < 1 || Number(s) > 65535) {
      io.stderr(`--port: expected a port number from 1 to 65535, got "${s}"`);
      return EXIT.INVALID_INPUT;
    }
    port = Number(s);
  }
  const dir = rendererDir(io.env);
  if (!existsSync(join(dir, 'index.html'))) {
    io.stderr(`The workbench is not built (${dir} has no index.html): run \`npm run build:renderer\` first, or \`npm start\`, which builds it.`);
    return EXIT.FAILED;
  }
  const dataDir = resolveDataDir({ flag: o.dataDir, env: io.env });
  const log = createLogger({ dir: dataDir, level: logLevelFrom(io.env) });
  const stopCrashLog = logCrashes(log);
  const ctx: HandlerContext = {
    dataDir,
    // The audit log's actor for writes from the browser; letters carry the officer's own name.
    actor: 'browser',
    appVersion: appVersion(),
    platform: headlessPlatform,
    today: () => localToday(),
    logError: (channel, e) => log.error(channel, e),
    resources: new Map(),
  };
  let running;
  try {
    running = await startServe({ ctx, rendererDir: dir, port });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.stderr(code === 'EADDRINUSE' ? `Port ${port} is already in use on 127.0.0.1: choose another with --port, or leave it out for a free one.` : `Tierline could not start its server: ${(e as Error).message}`);
    log.error('serve', 'could not start', e);
    stopCrashLog();
    return EXIT.FAILED;
  }
  io.stdout(`Tierline is open at ${running.url}   (Ctrl+C to stop)`);
  // The address without its fragment: the token is never logged.
  log.info('serve', `started ${appVersion()} on ${running.url.split('#')[0]}, data folder ${dataDir}`);
  const noOpen = o.open === false || io.env.TIERLINE_NO_OPEN === '1';
  if (!noOpen) {
    const problem = await openInBrowser(running.url, process.platform, io.env);
    if (problem) io.stderr(`No browser was opened (${problem}): open the address above in one.`);
  }
  const why = await (hooks.stopSignal ?? signals)();
  await running.close();
  log.info('serve', `stopped (${why})`);
  stopCrashLog();
  io.stderr(`Tierline stopped (${why}); the data folder is closed.`);
  return EXIT.OK;
}

export function register(program: Command, ctx: CliContext, hooks: ServeHooks = {}): void {
  program
    .command('serve')
    .summary('open the workbench in a browser (127.0.0.1 only, per-launch token), for machines without the desktop app')
    .description(
      'Serve the built workbench and its API on 127.0.0.1 only, on a free port (or --port), with a random per-launch token carried in the printed address\'s fragment; open the default browser (--no-open or TIERLINE_NO_OPEN=1 not to). Ctrl+C stops it and closes the store (exit 0); exit 1 when it cannot start.',
    )
    .option('--port <n>', 'the port on 127.0.0.1 (default: a free one)')
    .option('--no-open', 'print the address without opening a browser')
    .action(ctx.action((_o: unknown, cmd: Command) => {
      const o = optsOf(cmd);
      return serve({ port: o.port as string | undefined, open: o.open as boolean | undefined, dataDir: o.dataDir }, ctx.io, hooks);
    }));
}

/** `tierline serve ARGS…` on its own (tests pass a stop signal); the same options as in the full CLI. */
export async function runServe(args: string[], io: CliIo, hooks: ServeHooks = {}): Promise<number> {
  let code: number = EXIT.OK;
  const ctx: CliContext = {
    io,
    action:
      (body) =>
      async (...a) => {
        code = await body(...a);
      },
  };
  const program = new Command('tierline')
    .option('--data-dir <dir>')
    .exitOverride()
    .configureOutput({ writeOut: (t) => io.stdout(t.trimEnd()), writeErr: (t) => io.stderr(t.trimEnd()) });
  register(program, ctx, hooks);
  try {
    await program.parseAsync(['serve', ...args], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    throw e;
  }
  return code;
}
