// electron-builder afterPack hook: the packaged app must be able to open its database. Checks the
// unpacked better_sqlite3.node (1) names the module ABI of the packaged Electron (its
// node_register_module_v<ABI> symbol; a Node build says v115 and cannot load), and (2) where the packaged
// Electron can run on this machine, loads it under that Electron (fuses are flipped after this hook, so
// ELECTRON_RUN_AS_NODE still works here). Fails the build on a mismatch; skips (2) with one line elsewhere.
/* global require, module */
/* eslint-disable @typescript-eslint/no-require-imports -- electron-builder loads hooks with require() */
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

function binaryPath(appOutDir, platform, productFilename) {
  const resources = platform === 'darwin' ? join(appOutDir, `${productFilename}.app`, 'Contents', 'Resources') : join(appOutDir, 'resources');
  return join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
}

function executablePath(appOutDir, platform, productFilename, executableName) {
  if (platform === 'darwin') return join(appOutDir, `${productFilename}.app`, 'Contents', 'MacOS', productFilename);
  if (platform === 'win32') return join(appOutDir, `${productFilename}.exe`);
  return join(appOutDir, executableName || productFilename.toLowerCase());
}

/** The ABIs a native module registers for (node_register_module_v<N> symbols). */
function moduleAbis(bytes) {
  return [...new Set([...bytes.toString('latin1').matchAll(/node_register_module_v(\d+)/g)].map((m) => m[1]))];
}

async function afterPack(context) {
  const { electronRebuildTarget } = await import('./native-target.mjs');
  const target = electronRebuildTarget();
  const platform = context.electronPlatformName;
  const info = context.packager.appInfo;
  const node = binaryPath(context.appOutDir, platform, info.productFilename);
  if (!existsSync(node)) throw new Error(`after-pack: ${node} is missing: better-sqlite3 must be unpacked (asarUnpack)`);
  const abis = moduleAbis(readFileSync(node));
  if (!abis.includes(String(target.abi))) {
    throw new Error(`after-pack: better_sqlite3.node is built for module ABI ${abis.join(', ') || '(none found)'}, not Electron ${target.target}'s ${target.abi}: it was rebuilt against Node's headers; refusing to ship it`);
  }
  const exe = executablePath(context.appOutDir, platform, info.productFilename, context.packager.executableName);
  if (platform !== process.platform || !existsSync(exe)) {
    console.log(`after-pack: ABI ${target.abi} checked; not loaded (no ${platform} Electron binary runnable here)`);
    return;
  }
  const r = spawnSync(exe, ['-e', `const D = require(${JSON.stringify(join(node, '..', '..', '..'))}); const db = new D(':memory:'); console.log(db.prepare('select sqlite_version() v').get().v);`], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`after-pack: the packaged Electron cannot load better_sqlite3.node: ${(r.stderr || r.error?.message || '').trim()}`);
  console.log(`after-pack: better_sqlite3.node loads under the packaged Electron ${target.target} (SQLite ${r.stdout.trim()})`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.moduleAbis = moduleAbis;
module.exports.binaryPath = binaryPath;
