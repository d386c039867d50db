// The Electron main process's own log, with electron-log: shell.log in the data folder, beside the
// core's tierline.log (main/core/log.ts, which the core's handlers in this same process write to).
// Here: start-up, environment, window-state, renderer and child processes that crash or hang, pages that
// fail to load, and uncaught errors and unhandled rejections of the main process. Same levels
// (TIERLINE_LOG_LEVEL), the same redaction, size-based rotation keeping KEEP files.
// electron-log's Node flavour (`electron-log/node`): `electron-log/main` registers its own ipcMain
// channel (`__ELECTRON_LOG__`, for its renderer capture) beside the contract's, and the shell keeps
// exactly one IPC handler per contract channel (test/unit/shell/bundle.test.ts). The page's errors reach
// the core's log over the contract's `app.logError` channel instead.
import { dialog } from 'electron';
import log from 'electron-log/node';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { formatValue, logLevelFrom, redact, type LogLevel } from '../core/log';

export { fileLogger } from '../core/log';

const MAX_BYTES = 2 * 1024 * 1024;
const KEEP = 5;

export interface ShellLog {
  readonly file: string;
  error(...values: unknown[]): void;
  warn(...values: unknown[]): void;
  info(...values: unknown[]): void;
  debug(...values: unknown[]): void;
}

/** shell.log → shell.1.log → … → shell.KEEP.log; electron-log calls this when the file passes maxSize. */
function archive(path: string): void {
  const base = path.replace(/\.log$/, '');
  const nth = (n: number) => `${base}.${n}.log`;
  rmSync(nth(KEEP), { force: true });
  for (let n = KEEP - 1; n >= 1; n--) if (existsSync(nth(n))) renameSync(nth(n), nth(n + 1));
  renameSync(path, nth(1));
}

export function setUpShellLog(dataDir: string, opts: { isPackaged: boolean; env?: NodeJS.ProcessEnv }): ShellLog {
  const level: LogLevel = logLevelFrom(opts.env ?? process.env);
  const file = join(dataDir, 'shell.log');
  log.transports.file.resolvePathFn = () => file;
  log.transports.file.level = level;
  log.transports.file.maxSize = MAX_BYTES;
  log.transports.file.archiveLogFn = (old) => archive(old.path);
  log.transports.console.level = opts.isPackaged ? false : level;
  // Every value becomes redacted text before any transport sees it (errors keep their stack).
  log.hooks.push((message) => ({ ...message, data: message.data.map((d: unknown) => redact(formatValue(d))) }));
  // Uncaught exceptions and unhandled rejections of the main process: logged ("Unhandled", "Unhandled
  // rejection"), and an exception still shows Electron's error box, as it would without a logger.
  log.errorHandler.startCatching({
    onError: ({ error, errorName }) => {
      if (errorName === 'Unhandled') dialog.showErrorBox('A JavaScript error occurred in the main process', redact(formatValue(error)));
    },
  });
  return {
    file,
    error: (...v) => log.error(...v),
    warn: (...v) => log.warn(...v),
    info: (...v) => log.info(...v),
    debug: (...v) => log.debug(...v),
  };
}
