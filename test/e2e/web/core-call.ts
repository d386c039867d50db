// A core call from a test that must succeed, typed by the contract (dispatch itself answers unknown).
import assert from 'node:assert/strict';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/ipc/contract';
import type { HandlerContext } from '../../../main/core/handlers';

export async function must<C extends Channel>(channel: C, payload: ChannelInput<C>, ctx: HandlerContext): Promise<ChannelOutput<C>> {
  const { dispatch } = await import('../../../main/core/handlers');
  const r = await dispatch(channel, payload, ctx);
  assert.ok(r.ok, `${channel}: ${JSON.stringify(r)}`);
  return r.value as ChannelOutput<C>;
}
