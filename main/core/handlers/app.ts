// app.* and files.*: facts about the running app, and the platform dialogs the shell provides.
import type { Handlers } from './types';
import { fromBase64 } from './base64';
import { ok } from '../../../shared/ipc/result';

export const appHandlers: Handlers<'app.info' | 'app.logError' | 'files.open' | 'files.save' | 'files.print'> = {
  'app.info': (_in, ctx) => ok({ version: ctx.appVersion, dataDir: ctx.dataDir, platform: process.platform, today: ctx.today() }),
  // The page's crashes land in the same log as the core's errors (redacted there like every entry).
  'app.logError': (input, ctx) => {
    const at = input.source ? ` at ${input.source}${input.line !== undefined ? `:${input.line}:${input.column ?? 0}` : ''}` : '';
    ctx.logError('renderer', `${input.kind === 'error' ? 'uncaught error' : 'unhandled rejection'}${at}: ${input.message}${input.stack ? `\n${input.stack}` : ''}`);
    return ok({});
  },
  'files.open': (input, ctx) => ctx.platform.openFile(input),
  'files.save': (input, ctx) =>
    ctx.platform.saveFile({ title: input.title, defaultName: input.defaultName, bytes: fromBase64(input.base64), filters: input.filters }),
  'files.print': (input, ctx) => ctx.platform.printPdf({ bytes: fromBase64(input.pdfBase64), title: input.title }),
};
