// The built-in packs and the trust root ship in assets/ (copied into the app package).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** assets/ of the checkout or of the packaged app (TIERLINE_ASSETS overrides, for packaging). */
export function assetsDir(): string {
  const env = process.env.TIERLINE_ASSETS;
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
