import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dispatch, headlessPlatform, type HandlerContext } from '../../../main/core/handlers';
import { CHANNEL_NAMES } from '../../../shared/ipc/channels';
import { contract } from '../../../shared/ipc/contract';

function ctx(over: Partial<HandlerContext> = {}): HandlerContext & { logged: unknown[] } {
  const logged: unknown[] = [];
  return { dataDir: '/nonexistent', actor: 'test', appVersion: '0.0.0-test', platform: headlessPlatform, today: () => '2026-11-26', logError: (_c, e) => logged.push(e), resources: new Map(), logged, ...over };
}

test('the channel list and the contract agree', () => {
  assert.deepEqual([...CHANNEL_NAMES].sort(), Object.keys(contract).sort());
});

test('unknown channels and bad payloads are Results, not throws', async () => {
  const c = ctx();
  const a = await dispatch('fs.readFile', {}, c);
  assert.equal(a.ok, false);
  assert.equal(!a.ok && a.error.code, 'UNKNOWN_CHANNEL');
  const b = await dispatch(42, {}, c);
  assert.equal(!b.ok && b.error.code, 'UNKNOWN_CHANNEL');
  const d = await dispatch('cases.get', { id: 'x' }, c);
  assert.equal(!d.ok && d.error.code, 'INVALID_INPUT');
  assert.equal(!d.ok && d.error.path, '$.id');
  const e = await dispatch('cases.get', { id: 1, extra: true }, c);
  assert.equal(!e.ok && e.error.code, 'INVALID_INPUT');
  const f = await dispatch('app.info', null, c);
  assert.equal(!f.ok && f.error.code, 'INVALID_INPUT');
});

test('app.info answers through the contract', async () => {
  const r = await dispatch('app.info', {}, ctx());
  assert.ok(r.ok);
  assert.deepEqual(r.value, { version: '0.0.0-test', dataDir: '/nonexistent', platform: process.platform, today: '2026-11-26' });
});

test('a throwing platform becomes INTERNAL with the stack logged, not shown', async () => {
  const c = ctx({
    platform: {
      ...headlessPlatform,
      openFile: async () => {
        throw new Error('secret stack detail');
      },
    },
  });
  const r = await dispatch('files.open', { title: 'Open', filters: [] }, c);
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.error.code, 'INTERNAL');
  assert.ok(!r.ok && !r.error.message.includes('secret'));
  assert.equal(c.logged.length, 1);
});

test('an answer that breaks the output contract becomes INTERNAL', async () => {
  const c = ctx({ platform: { ...headlessPlatform, openFile: async () => ({ ok: true, value: { name: 'x', base64: '!!!' } }) } });
  const r = await dispatch('files.open', { title: 'Open', filters: [] }, c);
  assert.equal(!r.ok && r.error.code, 'INTERNAL');
  assert.equal(c.logged.length, 1);
});
