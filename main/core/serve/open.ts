// Opens a URL in the default browser: xdg-open (Linux, BSD), open (macOS), `start` through cmd (Windows).
// Detached and silent; a missing opener is reported, not thrown.
import { spawn } from 'node:child_process';

export function opener(platform: NodeJS.Platform = process.platform, url: string): { cmd: string; args: string[] } {
  if (platform === 'darwin') return { cmd: 'open', args: [url] };
  // `start` is a cmd built-in; the empty "" is the window title so a quoted URL is not taken for one.
  if (platform === 'win32') return { cmd: 'cmd', args: ['/c', 'start', '""', url.replace(/&/g, '^&')] };
  return { cmd: 'xdg-open', args: [url] };
}

export function openInBrowser(url: string, platform: NodeJS.Platform = process.platform): Promise<string | null> {
  const { cmd, args } = opener(platform, url);
  return new Promise((resolveOpen) => {
    try {
      const child = spawn(cmd, args, { stdio: 'ignore', detached: true, windowsHide: true });
      child.once('error', (e) => resolveOpen(`${cmd} could not be started (${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not installed' : e.message})`));
      child.once('spawn', () => {
        child.unref();
        resolveOpen(null);
      });
    } catch (e) {
      resolveOpen(`${cmd} could not be started (${(e as Error).message})`);
    }
  });
}
