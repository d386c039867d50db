// The target of the package-time native rebuild: better-sqlite3 is rebuilt against the headers of the
// Electron that electron-builder packages (runtime=electron, its version, its module ABI), never against
// Node's: `.npmrc`'s nodedir=/usr (the checkout's Node build, which dev and tests keep) must not reach it.
// Used by scripts/dist.mjs (the release build's environment) and scripts/after-pack.cjs (the check).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** runtime, version, module ABI and header URL of the Electron in node_modules. */
export function electronRebuildTarget() {
  const version = require('electron/package.json').version;
  const abi = require('node-abi').getAbi(version, 'electron');
  return { runtime: 'electron', target: version, abi, disturl: 'https://electronjs.org/headers' };
}

/** The environment electron-builder runs in: no nodedir from .npmrc, the Electron target set. */
export function releaseBuildEnv(env = process.env) {
  const t = electronRebuildTarget();
  const out = {};
  for (const [k, v] of Object.entries(env)) if (!/^npm_config_nodedir$/i.test(k) && v !== undefined) out[k] = v;
  return { ...out, npm_config_runtime: t.runtime, npm_config_target: t.target, npm_config_disturl: t.disturl, npm_config_build_from_source: 'true' };
}
