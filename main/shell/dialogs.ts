// Native open/save dialogs and printing, offered to the core as PlatformServices. Every outcome is a
// Result: a dismissed dialog is CANCELLED, not an error.
import { BrowserWindow, dialog } from 'electron';
import { readFile, stat, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { PlatformServices } from '../core/handlers/context';
import { err, ok } from '../../shared/ipc/result';

const MAX_OPEN_BYTES = 50 * 1024 * 1024;

/** file:// URLs of PDFs being printed; the session's request filter lets exactly these through. */
export const printingUrls = new Set<string>();

export function nativePlatform(getWindow: () => BrowserWindow | null): PlatformServices {
  return {
    async openFile({ title, filters }) {
      const win = getWindow();
      const r = win ? await dialog.showOpenDialog(win, { title, filters, properties: ['openFile'] }) : await dialog.showOpenDialog({ title, filters, properties: ['openFile'] });
      if (r.canceled || r.filePaths.length === 0) return err('CANCELLED', 'No file was chosen.');
      const path = r.filePaths[0];
      const size = (await stat(path)).size;
      if (size > MAX_OPEN_BYTES) return err('INVALID_INPUT', `${basename(path)} is ${Math.round(size / 1048576)} MB; files over 50 MB are not accepted.`);
      return ok({ name: basename(path), base64: (await readFile(path)).toString('base64') });
    },
    async saveFile({ title, defaultName, bytes, filters }) {
      const win = getWindow();
      const opts = { title, defaultPath: defaultName, filters };
      const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
      if (r.canceled || !r.filePath) return err('CANCELLED', 'The file was not saved.');
      await writeFile(r.filePath, bytes);
      return ok({ path: r.filePath });
    },
    async printPdf({ bytes, title }) {
      // Chromium's PDF viewer renders the letter in a hidden window; print() opens the system dialog.
      const dir = await mkdtemp(join(tmpdir(), 'tierline-print-'));
      const file = join(dir, 'letter.pdf');
      await writeFile(file, bytes);
      const url = pathToFileURL(file).href;
      printingUrls.add(url);
      const printWin = new BrowserWindow({ show: false, title, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true } });
      try {
        await printWin.loadURL(url);
        const printed = await new Promise<boolean>((resolve) => printWin.webContents.print({ silent: false, printBackground: true }, (success) => resolve(success)));
        return printed ? ok({ printed: true }) : err('CANCELLED', 'Printing was cancelled.');
      } finally {
        printingUrls.delete(url);
        printWin.destroy();
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
