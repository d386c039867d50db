// The package-time rebuild targets the packaged Electron, not Node: runtime electron, the installed
// Electron's version and module ABI, no nodedir from .npmrc; electron-builder is configured to rebuild
// from source and to run the after-pack check, which refuses a Node-ABI binary such as the checkout's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const root = resolve(import.meta.dirname, '..', '..', '..');
const require = createRequire(import.meta.url);

test('the rebuild target is the installed Electron: runtime electron, its version and ABI, its headers', async () => {
  const { electronRebuildTarget, releaseBuildEnv } = (await import(join(root, 'scripts', 'native-target.mjs'))) as {
    electronRebuildTarget: () => { runtime: string; target: string; abi: string; disturl: string };
    releaseBuildEnv: (env: Record<string, string>) => Record<string, string>;
  };
  const t = electronRebuildTarget();
  const electron = (require(join(root, 'node_modules', 'electron', 'package.json')) as { version: string }).version;
  assert.equal(t.runtime, 'electron');
  assert.equal(t.target, electron);
  assert.match(electron, /^45\./, 'package.json pins Electron 45');
  assert.equal(t.abi, (require('node-abi') as { getAbi: (v: string, r: string) => string }).getAbi(electron, 'electron'));
  assert.notEqual(t.abi, process.versions.modules, "Electron's ABI is not this Node's");
  assert.equal(t.disturl, 'https://electronjs.org/headers');
  const env = releaseBuildEnv({ npm_config_nodedir: '/usr', NPM_CONFIG_NODEDIR: '/usr', PATH: '/bin' });
  assert.equal(env.npm_config_nodedir, undefined, ".npmrc's nodedir does not reach the release rebuild");
  assert.equal(env.NPM_CONFIG_NODEDIR, undefined);
  assert.equal(env.npm_config_runtime, 'electron');
  assert.equal(env.npm_config_target, electron);
  assert.equal(env.PATH, '/bin');
});

test('electron-builder rebuilds from source at package time and runs the after-pack check; icons and package metadata are set', () => {
  const yml = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
  assert.match(yml, /^npmRebuild: true$/m);
  assert.match(yml, /^buildDependenciesFromSource: true$/m);
  assert.match(yml, /^afterPack: scripts\/after-pack\.cjs$/m);
  for (const os of ['win', 'mac', 'linux']) assert.match(yml, new RegExp(`^${os}:\\n  icon: assets/icons/icon\\.png$`, 'm'), os);
  const png = readFileSync(join(root, 'assets', 'icons', 'icon.png'));
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [512, 512], 'electron-builder needs at least 512×512');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { author?: string; license?: string; scripts: Record<string, string> };
  assert.equal(pkg.license, 'Apache-2.0');
  assert.ok(pkg.author && pkg.author.length > 3);
  assert.match(pkg.scripts.dist, /scripts\/dist\.mjs/);
});

test("the after-pack check reads the module ABI from the binary: the checkout's Node build is refused", () => {
  const hook = require(join(root, 'scripts', 'after-pack.cjs')) as { moduleAbis: (b: Buffer) => string[] };
  const nodeBuild = readFileSync(join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'));
  assert.deepEqual(hook.moduleAbis(nodeBuild), [process.versions.modules], 'the checkout keeps the Node build for dev and tests');
});
