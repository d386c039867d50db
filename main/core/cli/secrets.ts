// Secrets (the office key's passphrase, a PKCS#12 file's passphrase) never come from argv, where every
// user of the machine can read them (ps, /proc/PID/cmdline) and shells keep them in history. They come,
// in this order, from: a file named by --passphrase-file (`/dev/fd/N` or `-` reads a file descriptor or
// standard input), an environment variable for unattended use (readable only by the same user), or the
// terminal prompt (not echoed).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliIo } from './types';

export class SecretError extends Error {}

/** The first line of a secret file, without its line ending. Throws SecretError naming the flag. */
export function readSecretFile(io: CliIo, file: string, flag: string): string {
  let text: string;
  try {
    text = file === '-' ? (io.stdin ? io.stdin().toString('utf8') : readFileSync(0, 'utf8')) : readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (e) {
    throw new SecretError(`${flag}: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const line = text.split(/\r?\n/)[0];
  if (!line) throw new SecretError(`${flag}: ${file} is empty`);
  return line;
}

export interface SecretSource {
  /** A file holding the secret (from a --…-file option). */
  file?: string;
  /** The option's name, for messages. */
  flag: string;
  /** The environment variable read when there is no file. */
  env: string;
  /** The prompt shown on a terminal when there is neither. */
  question: string;
}

/** The secret, or undefined when there is no file, no variable and no terminal. */
export async function readSecret(io: CliIo, src: SecretSource): Promise<string | undefined> {
  if (src.file !== undefined) return readSecretFile(io, src.file, src.flag);
  const env = io.env[src.env];
  if (env !== undefined && env !== '') return env;
  return io.prompt ? io.prompt(src.question) : undefined;
}
