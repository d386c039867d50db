// What a handler may use: the store, the data folder, who is acting, and the few platform services the
// shell provides (native dialogs, printing). The e2e bridge provides the same services backed by a temp
// folder, so the page under test talks to exactly this core.
import type { ChannelOutput } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';

export interface PlatformServices {
  openFile(opts: { title: string; filters: { name: string; extensions: string[] }[] }): Promise<Result<ChannelOutput<'files.open'>>>;
  saveFile(opts: { title: string; defaultName: string; bytes: Uint8Array; filters: { name: string; extensions: string[] }[] }): Promise<Result<ChannelOutput<'files.save'>>>;
  printPdf(opts: { bytes: Uint8Array; title: string }): Promise<Result<ChannelOutput<'files.print'>>>;
}

export interface HandlerContext {
  dataDir: string;
  /** Recorded as the actor of every write in the audit log. */
  actor: string;
  appVersion: string;
  platform: PlatformServices;
  /** Today's date as the user's calendar sees it (YYYY-MM-DD). */
  today(): string;
  /** Unexpected errors: logged with their stack, never shown to the user. */
  logError(channel: string, error: unknown): void;
  /**
   * The better-sqlite3 binary to load (development from a checkout only: the Electron shell passes it when
   * unpackaged; a packaged build never does). Core never reads it from the environment.
   */
  sqliteBinding?: string;
  /** Lazily opened core resources (database and the like); closed by `close`. */
  resources: Map<string, unknown>;
}

export function localToday(d = new Date()): string {
  const y = d.getFullYear();
  const m = String(d.getMonth() + 1).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

/** A platform with no dialogs (command line, unit tests): every dialog call is UNAVAILABLE. */
export const headlessPlatform: PlatformServices = {
  openFile: async () => ({ ok: false, error: { code: 'UNAVAILABLE', message: 'No file dialog here.' } }),
  saveFile: async () => ({ ok: false, error: { code: 'UNAVAILABLE', message: 'No file dialog here.' } }),
  printPdf: async () => ({ ok: false, error: { code: 'UNAVAILABLE', message: 'No printer dialog here.' } }),
};
