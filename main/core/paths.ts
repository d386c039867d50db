// Where Tierline keeps its data: the --data-dir flag, then TIERLINE_DATA_DIR, then the per-user app data
// folder each OS expects. Pure over its inputs (env, platform, home) so that tests need no real home.
import { homedir as osHomedir } from 'node:os';
import { join, posix, win32 } from 'node:path';

export const APP_FOLDER = 'Tierline';
export const DATABASE_FILE = 'tierline.sqlite';

export interface DataDirInput {
  /** Value of `--data-dir`, if given. */
  flag?: string;
  env: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  homedir?: string;
}

function nonEmpty(s: string | undefined): s is string {
  return typeof s === 'string' && s.trim() !== '';
}

export function resolveDataDir(input: DataDirInput): string {
  const platform = input.platform ?? process.platform;
  const path = platform === 'win32' ? win32 : posix;
  if (nonEmpty(input.flag)) return path.resolve(input.flag);
  if (nonEmpty(input.env.TIERLINE_DATA_DIR)) return path.resolve(input.env.TIERLINE_DATA_DIR);
  const home = input.homedir ?? osHomedir();
  switch (platform) {
    case 'win32':
      return win32.join(nonEmpty(input.env.APPDATA) ? input.env.APPDATA : win32.join(home, 'AppData', 'Roaming'), APP_FOLDER);
    case 'darwin':
      return posix.join(home, 'Library', 'Application Support', APP_FOLDER);
    default: {
      // XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
      const xdg = input.env.XDG_DATA_HOME;
      const base = nonEmpty(xdg) && posix.isAbsolute(xdg) ? xdg : posix.join(home, '.local', 'share');
      return posix.join(base, APP_FOLDER);
    }
  }
}

export function databasePath(dataDir: string): string {
  return join(dataDir, DATABASE_FILE);
}
