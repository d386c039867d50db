// What every CLI command shares: the streams it writes to (tests run commands in process and read what
// a user would see), the exit codes, and the context a command's `register(program, ctx)` receives.
import type { Command } from 'commander';

export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Reads a secret (passphrase) at the prompt; undefined when there is no terminal. */
  prompt?: (question: string) => Promise<string | undefined>;
  /** Standard input, for `-` in place of a file name (tests pass bytes; the process reads fd 0). */
  stdin?: () => Buffer;
}

/**
 * Exit codes, the same for every command (docs/cli.md, "Exit codes"):
 * 0 done · 1 a negative answer (INVALID, VOID, a bad audit chain, a wrong passphrase) ·
 * 2 bad input or usage · 3 store or environment trouble (no store, unreadable store, cannot write a file).
 */
export const EXIT = { OK: 0, NEGATIVE: 1, FAILED: 1, INVALID_INPUT: 2, USAGE: 2, STORE: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface CliContext {
  io: CliIo;
  /**
   * Wraps a command body for commander's `.action()`: the body returns the exit code. Its last argument
   * is the commander Command, whose `optsWithGlobals()` also holds `dataDir`.
   */
  action<A extends unknown[]>(body: (...args: A) => Promise<number> | number): (...args: A) => Promise<void>;
}

/** A command module: `export function register(program, ctx)` adds its command(s) to the program. */
export type Register = (program: Command, ctx: CliContext) => void;

/** The options commander hands an action, with the global `--data-dir`. */
export type Opts = Record<string, unknown> & { dataDir?: string; json?: boolean };

export function optsOf(cmd: Command): Opts {
  return cmd.optsWithGlobals() as Opts;
}
