// What the packaged app trusts: the development-only variables are honoured from a checkout and ignored
// (and named) in a packaged build; the core, once told it is packaged, no longer reads TIERLINE_ASSETS;
// the handlers load the native module the shell names, never one from the environment.
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { shellEnvironment } from '../../../main/shell/environment';
import { secureWebPreferences } from '../../../main/shell/security';
import { configureCore } from '../../../main/core/runtime';
import { assetsDir } from '../../../main/core/rulepacks';
import { storeOf } from '../../../main/core/handlers/store';
import { closeResources, headlessPlatform, type HandlerContext } from '../../../main/core/handlers';
import { tempDir } from '../../support/cli';

const HOSTILE = { TIERLINE_SQLITE_BINDING: '/tmp/evil/better_sqlite3.node', TIERLINE_ASSETS: '/tmp/evil-assets', TIERLINE_DEV: '1' };

test('packaged: every development variable is ignored and named; devtools off; assets from the resources folder', () => {
  const e = shellEnvironment({ isPackaged: true, env: HOSTILE, resourcesPath: '/opt/Tierline/resources', appPath: '/opt/Tierline/resources/app.asar' });
  assert.deepEqual(e, {
    development: false,
    devTools: false,
    sqliteBinding: undefined,
    assetsDir: join('/opt/Tierline/resources', 'assets'),
    ignored: ['TIERLINE_SQLITE_BINDING', 'TIERLINE_ASSETS', 'TIERLINE_DEV'],
  });
  assert.deepEqual(shellEnvironment({ isPackaged: true, env: {}, resourcesPath: '/r', appPath: '/a' }).ignored, []);
});

test('unpackaged (a checkout): the variables are honoured, devtools on', () => {
  const e = shellEnvironment({ isPackaged: false, env: HOSTILE, resourcesPath: '/unused', appPath: '/src/tierline' });
  assert.equal(e.development, true);
  assert.equal(e.devTools, true);
  assert.equal(e.sqliteBinding, HOSTILE.TIERLINE_SQLITE_BINDING);
  assert.equal(e.assetsDir, HOSTILE.TIERLINE_ASSETS);
  const plain = shellEnvironment({ isPackaged: false, env: {}, resourcesPath: '/unused', appPath: '/src/tierline' });
  assert.equal(plain.assetsDir, join('/src/tierline', 'assets'));
  assert.equal(plain.sqliteBinding, undefined);
});

test('webPreferences: devtools off unless the shell says development', () => {
  assert.equal(secureWebPreferences('/p.cjs').devTools, false);
  assert.equal(secureWebPreferences('/p.cjs', { devTools: false }).devTools, false);
  assert.equal(secureWebPreferences('/p.cjs', { devTools: true }).devTools, true);
});

test('the core told it is packaged reads its assets where the shell says, not from TIERLINE_ASSETS', () => {
  const saved = process.env.TIERLINE_ASSETS;
  after(() => {
    configureCore({ development: true });
    if (saved === undefined) delete process.env.TIERLINE_ASSETS;
    else process.env.TIERLINE_ASSETS = saved;
  });
  const real = resolve(import.meta.dirname, '../../../assets');
  process.env.TIERLINE_ASSETS = '/tmp/evil-assets';
  configureCore({ development: true });
  assert.equal(assetsDir(), '/tmp/evil-assets', 'development honours the variable');
  configureCore({ development: false, assetsDir: real });
  assert.equal(assetsDir(), real);
  configureCore({ development: false });
  assert.notEqual(assetsDir(), '/tmp/evil-assets', 'packaged without a configured folder still ignores it');
});

test('the store opens with the module the shell names; TIERLINE_SQLITE_BINDING in the environment is not read', (t) => {
  const dir = tempDir();
  const saved = process.env.TIERLINE_SQLITE_BINDING;
  process.env.TIERLINE_SQLITE_BINDING = '/nonexistent/evil/better_sqlite3.node';
  const ctx: HandlerContext = { dataDir: dir.path, actor: 't', appVersion: '0', platform: headlessPlatform, today: () => '2026-12-03', logError: () => {}, resources: new Map() };
  t.after(() => {
    closeResources(ctx);
    dir.cleanup();
    if (saved === undefined) delete process.env.TIERLINE_SQLITE_BINDING;
    else process.env.TIERLINE_SQLITE_BINDING = saved;
  });
  const db = storeOf(ctx);
  assert.equal(db.open, true);
  // and a binding the shell does name is used: a missing file fails to open, naming it
  const other = tempDir();
  t.after(() => other.cleanup());
  const named: HandlerContext = { ...ctx, dataDir: other.path, resources: new Map(), sqliteBinding: '/nonexistent/named/better_sqlite3.node' };
  assert.throws(() => storeOf(named), /could not be opened/);
});
