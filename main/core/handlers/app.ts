// app.* and files.*: facts about the running app, and the platform dialogs the shell provides.
import type { Handlers } from './types';
import { fromBase64 } from './base64';
import { ok } from '../../../shared/ipc/result';

export const appHandlers: Handlers<'app.info' | 'files.open' | 'files.save' | 'files.print'> = {
  'app.info': (_in, ctx) => ok({ version: ctx.appVersion, dataDir: ctx.dataDir, platform: process.platform, today: ctx.today() }),
  'files.open': (input, ctx) => ctx.platform.openFile(input),
  'files.save': (input, ctx) =>
    ctx.platform.saveFile({ title: input.title, defaultName: input.defaultName, bytes: fromBase64(input.base64), filters: input.filters }),
  'files.print': (input, ctx) => ctx.platform.printPdf({ bytes: fromBase64(input.pdfBase64), title: input.title }),
};
