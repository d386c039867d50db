import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MenuItemConstructorOptions } from 'electron';
import { menuTemplate } from '../../../main/shell/menu';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

test('menu commands route inside the app and carry shortcuts', () => {
  const routes: string[] = [];
  const t = menuTemplate('linux', 'Tierline', { go: (r) => routes.push(r), openDataFolder() {}, reload() {}, toggleDevTools() {}, quit() {} }, false);
  const all = flatten(t);
  const byLabel = (l: string) => all.find((i) => i.label === l);
  (byLabel('New Case')?.click as () => void)();
  (byLabel('Verify Letter…')?.click as () => void)();
  assert.deepEqual(routes, ['#/cases/new', '#/letters/verify']);
  assert.equal(byLabel('New Case')?.accelerator, 'CmdOrCtrl+N');
  assert.equal(byLabel('Toggle Developer Tools'), undefined, 'no devtools item outside dev mode');
  const accels = all.map((i) => i.accelerator).filter(Boolean);
  assert.equal(new Set(accels).size, accels.length, 'no shortcut is used twice');
});

test('macOS gets the app menu; others get Exit in File', () => {
  const noop = { go() {}, openDataFolder() {}, reload() {}, toggleDevTools() {}, quit() {} };
  assert.equal(menuTemplate('darwin', 'Tierline', noop, false)[0].label, 'Tierline');
  assert.ok(flatten(menuTemplate('win32', 'Tierline', noop, false)).some((i) => i.label === 'E&xit'));
});
