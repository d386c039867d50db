// The built-in packs and the trust root ship in assets/ (copied into the app package).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { coreRuntime } from '../runtime';

/**
 * assets/ of the packaged app (as the shell configured it), else, in development only, TIERLINE_ASSETS,
 * else the checkout's. A packaged build never reads the variable (main/core/runtime.ts).
 */
export function assetsDir(): string {
  const rt = coreRuntime();
  if (rt.assetsDir) return rt.assetsDir;
  const env = rt.development ? process.env.TIERLINE_ASSETS : undefined;
  if (env) return env;
  const here = dirname(fileURLToPath(import.meta.url));
  return resolve(here, '../../../assets');
}

export function builtinPackTexts(dir = join(assetsDir(), 'rulepacks')): { file: string; text: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: f, text: readFileSync(join(dir, f), 'utf8') }));
}

export function trustRootDir(): string {
  return join(assetsDir(), 'keys');
}
