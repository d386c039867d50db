// The preload with a stand-in electron module: it exposes exactly { channels, invoke } as `tierline`,
// frozen; known channels go to their own IPC channel; anything else is refused before any IPC happens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { CHANNEL_NAMES, IPC_PREFIX } from '../../../shared/ipc/channels';

test('the preload exposes the contract channels only', async () => {
  const exposed = new Map<string, unknown>();
  const sent: [string, unknown][] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (name: string, api: unknown) => exposed.set(name, api) },
    ipcRenderer: {
      invoke: async (channel: string, payload: unknown) => {
        sent.push([channel, payload]);
        return { ok: true, value: null };
      },
    },
  };
  const require = createRequire(import.meta.url);
  const Module = require('node:module') as { _load: (req: string, ...rest: unknown[]) => unknown };
  const original = Module._load;
  Module._load = (req: string, ...rest: unknown[]) => (req === 'electron' ? electron : original(req, ...rest));
  try {
    require('../../../main/preload/index.ts');
  } finally {
    Module._load = original;
  }
  assert.deepEqual([...exposed.keys()], ['tierline']);
  const api = exposed.get('tierline') as { channels: readonly string[]; invoke: (c: unknown, p: unknown) => Promise<{ ok: boolean; error?: { code: string } }> };
  assert.deepEqual(Object.keys(api).sort(), ['channels', 'invoke']);
  assert.ok(Object.isFrozen(api) && Object.isFrozen(api.channels));
  assert.deepEqual([...api.channels], [...CHANNEL_NAMES]);

  const refused = await api.invoke('fs.readFile', { path: '/etc/passwd' });
  assert.equal(refused.error?.code, 'UNKNOWN_CHANNEL');
  const refused2 = await api.invoke({ toString: () => 'cases.list' }, {});
  assert.equal(refused2.error?.code, 'UNKNOWN_CHANNEL');
  assert.deepEqual(sent, [], 'nothing reached IPC');
  await api.invoke('cases.list', { search: 'x' });
  assert.deepEqual(sent, [[`${IPC_PREFIX}cases.list`, { search: 'x' }]]);
});
