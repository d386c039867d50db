// Errors are appended to tierline.log in the data folder: stacks stay there, the page sees plain words.
// Used by the desktop shell and by `tierline serve`.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export function fileLogger(dataDir: string): (channel: string, error: unknown) => void {
  return (channel, error) => {
    const e = error instanceof Error ? `${error.stack ?? error.message}` : String(error);
    try {
      mkdirSync(dataDir, { recursive: true });
      appendFileSync(join(dataDir, 'tierline.log'), `${new Date().toISOString()} [${channel}] ${e}\n`);
    } catch {
      console.error(`[${channel}]`, e);
    }
  };
}
