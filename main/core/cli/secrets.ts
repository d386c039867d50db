// Secrets (the office key's passphrase, a PKCS#12 file's passphrase) never come from argv, where every
// user of the machine can read them (ps, /proc/PID/cmdline) and shells keep them in history. They come,
// in this order, from: a file named by --passphrase-file (`/dev/fd/N` or `-` reads a file descriptor or
// standard input), an environment variable for unattended use (readable only by the same user), or the
// terminal prompt (not echoed).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXIT, type CliIo } from './types';

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

/** The option every command that unlocks the office key takes (letter, letter identity, audit anchor). */
export const PASSPHRASE_FILE = ['--passphrase-file <file>', "read the office key's passphrase from FILE (/dev/fd/N for a descriptor, - for standard input); else TIERLINE_PASSPHRASE, else the prompt"] as const;

export const NO_PASSPHRASE = 'no passphrase: give --passphrase-file FILE (or /dev/fd/N), set TIERLINE_PASSPHRASE, or run in a terminal';

/** The office key's passphrase: --passphrase-file, else TIERLINE_PASSPHRASE (unattended use), else the prompt. */
export function readPassphrase(io: CliIo, file: string | undefined, question = 'Passphrase for the office signing key: '): Promise<string | undefined> {
  return readSecret(io, { file, flag: '--passphrase-file', env: 'TIERLINE_PASSPHRASE', question });
}

/**
 * The office key's passphrase, or the exit code (2) after saying why there is none: an unreadable or
 * empty --passphrase-file, or no file, no TIERLINE_PASSPHRASE and no terminal.
 */
export async function officePassphrase(io: CliIo, file: string | undefined, question?: string): Promise<string | number> {
  let passphrase: string | undefined;
  try {
    passphrase = await readPassphrase(io, file, question);
  } catch (e) {
    if (e instanceof SecretError) {
      io.stderr(e.message);
      return EXIT.USAGE;
    }
    throw e;
  }
  if (passphrase === undefined) {
    io.stderr(NO_PASSPHRASE);
    return EXIT.USAGE;
  }
  return passphrase;
}
