// The application menu as data: a pure template builder (tested in Node) whose commands the page
// receives as hash routes, so every menu item is also reachable with the keyboard shortcut it shows.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  /** Sends an in-app route (e.g. "#/cases/new") to the focused window. */
  go(route: string): void;
  openDataFolder(): void;
  reload(): void;
  toggleDevTools(): void;
  quit(): void;
}

export function menuTemplate(platform: NodeJS.Platform, appName: string, a: MenuActions, devMode: boolean): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New Case', accelerator: 'CmdOrCtrl+N', click: () => a.go('#/cases/new') },
      { label: 'Import Case File…', accelerator: 'CmdOrCtrl+O', click: () => a.go('#/cases?import=1') },
      { type: 'separator' },
      { label: 'Verify Letter…', accelerator: 'CmdOrCtrl+Shift+V', click: () => a.go('#/letters/verify') },
      { label: 'Import Rule Pack…', click: () => a.go('#/packs?import=1') },
      { type: 'separator' },
      { label: 'Open Data Folder', click: () => a.openDataFolder() },
      ...(mac ? [] : [{ type: 'separator' } as const, { label: 'E&xit', accelerator: 'Alt+F4', click: () => a.quit() }]),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { label: 'Cases', accelerator: 'CmdOrCtrl+1', click: () => a.go('#/cases') },
      { label: 'Letters', accelerator: 'CmdOrCtrl+2', click: () => a.go('#/letters') },
      { label: 'Rule Packs', accelerator: 'CmdOrCtrl+3', click: () => a.go('#/packs') },
      { label: 'Ledger', accelerator: 'CmdOrCtrl+4', click: () => a.go('#/ledger') },
      { label: 'Audit Log', accelerator: 'CmdOrCtrl+5', click: () => a.go('#/audit') },
      { label: 'Settings', accelerator: 'CmdOrCtrl+,', click: () => a.go('#/settings') },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(devMode
        ? [{ type: 'separator' } as const, { label: 'Reload', accelerator: 'CmdOrCtrl+R', click: () => a.reload() }, { label: 'Toggle Developer Tools', accelerator: mac ? 'Alt+Cmd+I' : 'Ctrl+Shift+I', click: () => a.toggleDevTools() }]
        : []),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };
  const win: MenuItemConstructorOptions = { label: '&Window', submenu: [{ role: 'minimize' }, ...(mac ? [{ role: 'zoom' } as const, { role: 'front' } as const] : [{ role: 'close' } as const])] };
  const help: MenuItemConstructorOptions = { role: 'help', submenu: [{ label: `About ${appName}`, click: () => a.go('#/settings?about=1') }] };
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [{ label: appName, submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }] }]
    : [];
  return [...appMenu, file, edit, view, win, help];
}
