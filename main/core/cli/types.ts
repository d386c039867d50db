// A CLI command: parsed argv in, exit code out. Output goes through the given streams so that tests
// run commands in process and read what a user would see.
export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Reads a secret (passphrase) at the prompt; undefined when there is no terminal. */
  prompt?: (question: string) => Promise<string | undefined>;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run: (args: string[], io: CliIo) => Promise<number>;
}

/** Exit codes: 0 done, 1 failed (e.g. INVALID verification, bad chain), 2 invalid input or usage. */
export const EXIT = { OK: 0, FAILED: 1, INVALID_INPUT: 2 } as const;
