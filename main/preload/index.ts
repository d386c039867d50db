// The preload: exposes window.tierline with exactly the contract's channels and nothing else. No Node,
// no ipcRenderer, no event objects reach the page; an unknown channel is refused here before any IPC.
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_NAMES, IPC_PREFIX, isChannelName } from '../../shared/ipc/channels';

const api = Object.freeze({
  channels: Object.freeze([...CHANNEL_NAMES]),
  invoke(channel: unknown, payload: unknown): Promise<unknown> {
    if (!isChannelName(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `"${String(channel).slice(0, 100)}" is not a Tierline channel.` } });
    }
    return ipcRenderer.invoke(IPC_PREFIX + channel, payload);
  },
});

contextBridge.exposeInMainWorld('tierline', api);
