// The only file that touches window.tierline (the preload's API in Electron, the test bridge in the
// e2e suite). Everything else calls `call` and gets a Result; nothing here throws.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Channel, ChannelInput, ChannelOutput, TierlineApi } from '../../../shared/ipc/contract';
import type { IpcError, Result } from '../../../shared/ipc/result';

declare global {
  interface Window {
    tierline?: TierlineApi;
  }
}

export async function call<C extends Channel>(channel: C, payload: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  const api = window.tierline;
  if (!api) {
    return { ok: false, error: { code: 'UNAVAILABLE', message: 'This page is not connected to the Tierline core. Start it from the desktop app.' } };
  }
  try {
    return await api.invoke(channel, payload);
  } catch (e) {
    return { ok: false, error: { code: 'INTERNAL', message: `The request could not be delivered (${e instanceof Error ? e.message : String(e)}).` } };
  }
}

export type CallState<T> =
  | { status: 'loading'; slow: boolean }
  | { status: 'ok'; value: T; reloading: boolean }
  | { status: 'error'; error: IpcError };

/** Progress feedback shows only for calls that take longer than this. */
export const SLOW_MS = 500;

/** Calls a channel when `key` changes; `slow` turns true after half a second so spinners never flash. */
export function useCall<C extends Channel>(channel: C, payload: ChannelInput<C> | null, key: string): [CallState<ChannelOutput<C>>, () => void] {
  const [state, setState] = useState<CallState<ChannelOutput<C>>>({ status: 'loading', slow: false });
  const [tick, setTick] = useState(0);
  const payloadRef = useRef(payload);
  payloadRef.current = payload;
  useEffect(() => {
    const p = payloadRef.current;
    if (p === null) return;
    let live = true;
    setState((s) => (s.status === 'ok' ? { ...s, reloading: true } : { status: 'loading', slow: false }));
    const timer = setTimeout(() => live && setState((s) => (s.status === 'loading' ? { status: 'loading', slow: true } : s)), SLOW_MS);
    void call(channel, p).then((r) => {
      if (!live) return;
      clearTimeout(timer);
      setState(r.ok ? { status: 'ok', value: r.value, reloading: false } : { status: 'error', error: r.error });
    });
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [channel, key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return [state, reload];
}

/** For user actions (buttons): runs the call and exposes `busy` only once it is slow. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const run = useCallback(async <C extends Channel>(channel: C, payload: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> => {
    const timer = setTimeout(() => setBusy(true), SLOW_MS);
    try {
      return await call(channel, payload);
    } finally {
      clearTimeout(timer);
      setBusy(false);
    }
  }, []);
  return { busy, run };
}

export function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function base64ToBytes(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export function textToBase64(text: string): string {
  return bytesToBase64(new TextEncoder().encode(text));
}

export function base64ToText(b64: string): string {
  return new TextDecoder().decode(base64ToBytes(b64));
}
