// The core's log: tierline.log in the data folder, one line per entry, four levels, size-based rotation,
// secrets redacted before anything is written. Stacks stay here; the page sees plain words.
// Used by the desktop shell (for the core's own errors and the page's, forwarded over `app.logError`) and
// by `tierline serve`. The core runs in plain Node (CLI, serve, tests), where electron-log cannot load, so
// it keeps this small synchronous appender: a line is on disk before the call returns, which is what a
// crash log needs. The Electron main process logs its own events with electron-log (main/shell/log.ts).
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** TIERLINE_LOG_LEVEL (error, warn, info or debug; default info). */
export function logLevelFrom(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const v = env.TIERLINE_LOG_LEVEL?.trim().toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(v ?? '') ? (v as LogLevel) : 'info';
}

export interface Logger {
  readonly level: LogLevel;
  readonly file: string;
  error(scope: string, ...values: unknown[]): void;
  warn(scope: string, ...values: unknown[]): void;
  info(scope: string, ...values: unknown[]): void;
  debug(scope: string, ...values: unknown[]): void;
}

export interface LoggerOptions {
  dir: string;
  /** Default tierline.log. */
  name?: string;
  level?: LogLevel;
  /** Rotate when the file would grow past this many bytes (default 2 MiB). */
  maxBytes?: number;
  /** Rotated files kept beside the current one: tierline.1.log (newest) … tierline.N.log (default 5). */
  keep?: number;
}

// Secrets: passphrases, tokens and private keys must never reach a log, whatever carried them.
const SECRET_KEY = /pass(?:phrase|word)?|secret|token|private|^key$|pkcs12|p12|pfx|credential|authorization/i;
const PEM_PRIVATE = /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY|PKCS12|CERTIFICATE REQUEST)-----[\s\S]*?(?:-----END \1-----|$)/g;
const ASSIGNED = /\b((?:pass(?:phrase|word)?|secret|token|api[-_]?key|private[-_]?key|authorization)["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;&}]+)/gi;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;

/** The text with private keys, bearer/basic credentials and `secret=value` pairs replaced by [redacted]. */
export function redact(text: string): string {
  return text.replace(PEM_PRIVATE, '[redacted private key]').replace(BEARER, '$1 [redacted]').replace(ASSIGNED, '$1[redacted]');
}

/** One value as log text: errors with their stack (and cause), objects as JSON with secret-named fields dropped. */
export function formatValue(value: unknown, depth = 0): string {
  if (value instanceof Error) {
    const own = value.stack ?? `${value.name}: ${value.message}`;
    return value.cause !== undefined && depth < 3 ? `${own}\n  caused by: ${formatValue(value.cause, depth + 1)}` : own;
  }
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  try {
    return JSON.stringify(value, (k, v: unknown) => (k && SECRET_KEY.test(k) ? '[redacted]' : typeof v === 'bigint' ? String(v) : Buffer.isBuffer(v) || v instanceof Uint8Array ? `[${(v as Uint8Array).length} bytes]` : v)) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function rotate(file: string, keep: number): void {
  const base = file.replace(/\.log$/, '');
  const nth = (n: number) => `${base}.${n}.log`;
  if (existsSync(nth(keep))) rmSync(nth(keep), { force: true });
  for (let n = keep - 1; n >= 1; n--) if (existsSync(nth(n))) renameSync(nth(n), nth(n + 1));
  if (keep >= 1) renameSync(file, nth(1));
  else rmSync(file, { force: true });
}

export function createLogger(opts: LoggerOptions): Logger {
  const level = opts.level ?? logLevelFrom();
  const file = join(opts.dir, opts.name ?? 'tierline.log');
  const maxBytes = opts.maxBytes ?? 2 * 1024 * 1024;
  const keep = opts.keep ?? 5;
  const rank = LOG_LEVELS.indexOf(level);
  const write = (at: LogLevel, scope: string, values: unknown[]) => {
    if (LOG_LEVELS.indexOf(at) > rank) return;
    const line = redact(`${new Date().toISOString()} ${at.toUpperCase().padEnd(5)} [${scope}] ${values.map((v) => formatValue(v)).join(' ')}`) + '\n';
    try {
      mkdirSync(opts.dir, { recursive: true });
      let size = 0;
      try {
        size = statSync(file).size;
      } catch {
        // no file yet
      }
      if (size > 0 && size + Buffer.byteLength(line) > maxBytes) rotate(file, keep);
      appendFileSync(file, line);
    } catch {
      // The log must never take the app down; stderr is the last resort (already redacted).
      process.stderr.write(line);
    }
  };
  return {
    level,
    file,
    error: (scope, ...v) => write('error', scope, v),
    warn: (scope, ...v) => write('warn', scope, v),
    info: (scope, ...v) => write('info', scope, v),
    debug: (scope, ...v) => write('debug', scope, v),
  };
}

/** The HandlerContext's logError: an error-level entry in tierline.log of the data folder. */
export function fileLogger(dataDir: string, opts: Omit<LoggerOptions, 'dir'> = {}): (channel: string, error: unknown) => void {
  const log = createLogger({ dir: dataDir, ...opts });
  return (channel, error) => log.error(channel, error);
}

/**
 * Logs uncaught exceptions and unhandled rejections before Node handles them as it always does (an
 * `uncaughtExceptionMonitor` listener does not change whether the process exits: it still does).
 */
export function logCrashes(log: Logger, proc: NodeJS.Process = process): () => void {
  const onCrash = (e: unknown, origin: string) => log.error(origin === 'unhandledRejection' ? 'unhandled-rejection' : 'uncaught-exception', e);
  proc.on('uncaughtExceptionMonitor', onCrash);
  return () => proc.off('uncaughtExceptionMonitor', onCrash);
}
