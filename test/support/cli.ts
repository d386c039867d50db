// Runs the real CLI in process (same code path as `npx tierline`) and captures what a user would see.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../main/cli';

export interface CliRun {
  code: number;
  stdout: string[];
  stderr: string[];
}

/** `stdin` is what `-` reads (without it, `-` reads the test process's own standard input). */
export async function runCli(argv: string[], env: Record<string, string | undefined> = {}, cwd = process.cwd(), stdin?: string | Buffer): Promise<CliRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const input = stdin === undefined ? undefined : Buffer.from(stdin);
  const code = await run(argv, { stdout: (l) => stdout.push(l), stderr: (l) => stderr.push(l), env, cwd, ...(input ? { stdin: () => input } : {}) });
  return { code, stdout, stderr };
}

export function tempDir(prefix = 'tierline-test-'): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}
