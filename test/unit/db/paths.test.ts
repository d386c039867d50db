import assert from 'node:assert/strict';
import { test } from 'node:test';
import { databasePath, resolveDataDir } from '../../../main/core/paths';

const home = '/home/ada';

test('--data-dir wins over TIERLINE_DATA_DIR, which wins over the OS folder', () => {
  const env = { TIERLINE_DATA_DIR: '/srv/env', XDG_DATA_HOME: '/xdg' };
  assert.equal(resolveDataDir({ flag: '/srv/flag', env, platform: 'linux', homedir: home }), '/srv/flag');
  assert.equal(resolveDataDir({ env, platform: 'linux', homedir: home }), '/srv/env');
  assert.equal(resolveDataDir({ flag: '  ', env: { TIERLINE_DATA_DIR: '' }, platform: 'linux', homedir: home }), '/home/ada/.local/share/Tierline');
});

test('the per-user app data folder of each OS', () => {
  assert.equal(resolveDataDir({ env: { XDG_DATA_HOME: '/xdg' }, platform: 'linux', homedir: home }), '/xdg/Tierline');
  assert.equal(resolveDataDir({ env: { XDG_DATA_HOME: 'relative' }, platform: 'linux', homedir: home }), '/home/ada/.local/share/Tierline');
  assert.equal(resolveDataDir({ env: {}, platform: 'darwin', homedir: '/Users/ada' }), '/Users/ada/Library/Application Support/Tierline');
  assert.equal(
    resolveDataDir({ env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, platform: 'win32', homedir: 'C:\\Users\\ada' }),
    'C:\\Users\\ada\\AppData\\Roaming\\Tierline',
  );
  assert.equal(resolveDataDir({ env: {}, platform: 'win32', homedir: 'C:\\Users\\ada' }), 'C:\\Users\\ada\\AppData\\Roaming\\Tierline');
});

test('the database file sits in the data folder', () => {
  assert.equal(databasePath('/srv/tl'), '/srv/tl/tierline.sqlite');
});
