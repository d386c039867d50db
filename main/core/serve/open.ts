// Opens a URL in the default browser: xdg-open (Linux, BSD), open (macOS), `start` through cmd (Windows).
// Detached and silent; a failure is reported as a sentence, never thrown. "Failure" includes an opener
// that starts but gives up at once (xdg-open exits 3 when it finds no browser), and a Linux machine with
// no graphical session, where xdg-open would fall back to a text browser that has no terminal to draw on.
import { spawn } from 'node:child_process';

export function opener(platform: NodeJS.Platform = process.platform, url: string): { cmd: string; args: string[] } {
  if (platform === 'darwin') return { cmd: 'open', args: [url] };
  // `start` is a cmd built-in; the empty "" is the window title so a quoted URL is not taken for one.
  if (platform === 'win32') return { cmd: 'cmd', args: ['/c', 'start', '""', url.replace(/&/g, '^&')] };
  return { cmd: 'xdg-open', args: [url] };
}

/** Why no browser can be opened here before trying, or null. */
export function cannotOpen(platform: NodeJS.Platform, env: Record<string, string | undefined>): string | null {
  if (platform === 'darwin' || platform === 'win32') return null;
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return 'this session has no graphical display';
  return null;
}

/** How long an opener may run before it counts as having handed the URL to a browser. */
const GRACE_MS = 3000;

export function openInBrowser(url: string, platform: NodeJS.Platform = process.platform, env: Record<string, string | undefined> = process.env): Promise<string | null> {
  const before = cannotOpen(platform, env);
  if (before) return Promise.resolve(before);
  const { cmd, args } = opener(platform, url);
  return new Promise((resolveOpen) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    let child: ReturnType<typeof spawn> | undefined;
    const settle = (r: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // From here on the browser (or the opener still starting it) lives its own life.
      child?.unref();
      resolveOpen(r);
    };
    try {
      child = spawn(cmd, args, { stdio: 'ignore', detached: true, windowsHide: true });
      child.once('error', (e) => settle(`${cmd} could not be started (${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not installed' : e.message})`));
      child.once('exit', (code) => settle(code === 0 ? null : `${cmd} found no browser to open it with`));
      // Openers usually hand over and exit 0 within moments; one still running has started a browser.
      child.once('spawn', () => {
        timer = setTimeout(() => settle(null), GRACE_MS);
      });
    } catch (e) {
      settle(`${cmd} could not be started (${(e as Error).message})`);
    }
  });
}
