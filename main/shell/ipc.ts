// One ipcMain handler per contract channel. Each checks that the sender is the app's own top-level page,
// then hands the raw payload to dispatch, which validates it against the contract and never throws.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES, IPC_PREFIX } from '../../shared/ipc/channels';
import { err } from '../../shared/ipc/result';
import { dispatch, type HandlerContext } from '../core/handlers';
import { isTrustedSender } from './security';

export function senderOf(event: IpcMainInvokeEvent): { url: string; isMainFrame: boolean } | null {
  const frame = event.senderFrame;
  if (!frame) return null;
  return { url: frame.url, isMainFrame: frame.parent === null };
}

export function registerIpc(ipcMain: IpcMain, ctx: HandlerContext): void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(IPC_PREFIX + channel, (event, payload: unknown) => {
      if (!isTrustedSender(senderOf(event))) return err('FORBIDDEN', 'This request did not come from the Tierline window.');
      return dispatch(channel, payload, ctx);
    });
  }
}
