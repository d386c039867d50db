// What the shell trusts from its environment. Three variables replace parts of the app that its
// security rests on: TIERLINE_SQLITE_BINDING (the native module that reads the store), TIERLINE_ASSETS
// (the built-in packs and the pack trust root) and TIERLINE_DEV (devtools). They exist for development
// from a checkout (`npm start`, the Electron e2e test) and are honoured only there (`!app.isPackaged`); a
// packaged build ignores them, says so in its log, and removes them from process.env so no later code
// can read them. Pure (no Electron import), so it is tested in Node (test/unit/shell/environment.test.ts).
import { join } from 'node:path';

export const DEV_ONLY_VARIABLES = ['TIERLINE_SQLITE_BINDING', 'TIERLINE_ASSETS', 'TIERLINE_DEV'] as const;

export interface ShellEnvironmentInput {
  isPackaged: boolean;
  env: Record<string, string | undefined>;
  /** process.resourcesPath of the packaged app (extraResources land in <resources>/assets). */
  resourcesPath: string;
  /** app.getAppPath() (the checkout when unpackaged). */
  appPath: string;
}

export interface ShellEnvironment {
  /** Development from a checkout: the core is told so explicitly (configureCore). */
  development: boolean;
  /** Developer tools (webPreferences.devTools, the menu items): development only. */
  devTools: boolean;
  /** The better-sqlite3 binary to load instead of the packaged one: development only. */
  sqliteBinding: string | undefined;
  /** The built-in packs, the trust root and the fonts. */
  assetsDir: string;
  /** Development-only variables that were set and are ignored in this (packaged) build. */
  ignored: string[];
}

function set(v: string | undefined): v is string {
  return typeof v === 'string' && v !== '';
}

export function shellEnvironment(input: ShellEnvironmentInput): ShellEnvironment {
  if (input.isPackaged) {
    return {
      development: false,
      devTools: false,
      sqliteBinding: undefined,
      assetsDir: join(input.resourcesPath, 'assets'),
      ignored: DEV_ONLY_VARIABLES.filter((k) => set(input.env[k])),
    };
  }
  return {
    development: true,
    devTools: true,
    sqliteBinding: set(input.env.TIERLINE_SQLITE_BINDING) ? input.env.TIERLINE_SQLITE_BINDING : undefined,
    assetsDir: set(input.env.TIERLINE_ASSETS) ? input.env.TIERLINE_ASSETS : join(input.appPath, 'assets'),
    ignored: [],
  };
}
