// The only file that reaches the core. In the desktop app that is window.tierline (the preload's API;
// in the bridge e2e suite, the test bridge). Without it the page was opened by `tierline serve` in a
// browser: calls go to `POST /api/<channel>` on the page's own origin with the per-launch token, and
// opening, saving and printing files happen in the page (upload, download, the browser's PDF viewer).
// Everything else calls `call` and gets a Result; nothing here throws.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Channel, ChannelInput, ChannelOutput, TierlineApi } from '../../../shared/ipc/contract';
import type { IpcError, Result } from '../../../shared/ipc/result';

declare global {
  interface Window {
    tierline?: TierlineApi;
  }
}

const TOKEN_KEY = 'tierline.token';

/**
 * The browser mode's token: read once from the URL fragment `#token=…` that `tierline serve` printed,
 * then removed from the address bar (and history) and kept in this tab's sessionStorage, so a reload
 * keeps working and the token is never in a bookmark or a shared link.
 */
function captureToken(): string | null {
  if (typeof window === 'undefined' || window.tierline) return null;
  const m = /^#token=([A-Za-z0-9_-]{16,200})(?:&(.*))?$/.exec(window.location.hash);
  try {
    if (m) {
      sessionStorage.setItem(TOKEN_KEY, m[1]!);
      const rest = m[2] ? `#${m[2]}` : '#/cases';
      window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${rest}`);
    }
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return m ? m[1]! : null;
  }
}

const token = captureToken();

/** True when the page runs in a browser against `tierline serve` rather than in the desktop app. */
export function isBrowserMode(): boolean {
  return !window.tierline;
}

async function httpInvoke(channel: string, payload: unknown): Promise<Result<unknown>> {
  if (!token) {
    return { ok: false, error: { code: 'UNAVAILABLE', message: 'This page is not connected to Tierline. Open the address `tierline serve` (or `npm start`) printed, with its #token part.' } };
  }
  let res: Response;
  try {
    res = await fetch(`/api/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(payload ?? {}),
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
    });
  } catch {
    return { ok: false, error: { code: 'UNAVAILABLE', message: 'Tierline is not answering. Was `tierline serve` stopped? Start it again and open the address it prints.' } };
  }
  try {
    return (await res.json()) as Result<unknown>;
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: `Tierline answered with something that is not a result (HTTP ${res.status}).` } };
  }
}

function b64(bytes: Uint8Array): string {
  return bytesToBase64(bytes);
}

/** files.open in the browser: the file chooser, limited to the dialog's extensions. */
function pickFile(filters: { extensions: string[] }[]): Promise<Result<ChannelOutput<'files.open'>>> {
  return new Promise((resolvePick) => {
    const input = document.createElement('input');
    input.type = 'file';
    const ext = filters.flatMap((f) => f.extensions).filter((e) => e !== '*');
    if (ext.length) input.accept = ext.map((e) => `.${e}`).join(',');
    input.style.display = 'none';
    document.body.append(input);
    const done = (r: Result<ChannelOutput<'files.open'>>) => {
      input.remove();
      resolvePick(r);
    };
    input.addEventListener('cancel', () => done({ ok: false, error: { code: 'CANCELLED', message: 'No file was chosen.' } }));
    input.addEventListener('change', () => {
      const f = input.files?.[0];
      if (!f) return done({ ok: false, error: { code: 'CANCELLED', message: 'No file was chosen.' } });
      void f.arrayBuffer().then(
        (buf) => done({ ok: true, value: { name: f.name, base64: b64(new Uint8Array(buf)) } }),
        () => done({ ok: false, error: { code: 'INVALID_INPUT', message: `${f.name} could not be read.` } }),
      );
    });
    input.click();
  });
}

function blobOf(base64: string, type: string): Blob {
  return new Blob([base64ToBytes(base64) as BlobPart], { type });
}

/** files.save in the browser: a download under the suggested name (the browser asks where, or uses Downloads). */
function download(defaultName: string, base64: string): Result<ChannelOutput<'files.save'>> {
  const name = defaultName.replace(/[\\/]/g, '_') || 'download';
  const url = URL.createObjectURL(blobOf(base64, name.endsWith('.pdf') ? 'application/pdf' : 'application/octet-stream'));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { ok: true, value: { path: `your downloads as ${name}` } };
}

/** files.print in the browser: the PDF opens in the browser's viewer in a new tab, whose Print prints it. */
function printInBrowser(pdfBase64: string): Result<ChannelOutput<'files.print'>> {
  const url = URL.createObjectURL(blobOf(pdfBase64, 'application/pdf'));
  const w = window.open(url, '_blank');
  setTimeout(() => URL.revokeObjectURL(url), 600_000);
  if (!w) return { ok: false, error: { code: 'UNAVAILABLE', message: 'The browser blocked the new tab with the letter. Allow pop-ups for this page, or save the letter and print the file.' } };
  return { ok: true, value: { printed: false } };
}

async function browserShell(channel: Channel, payload: unknown): Promise<Result<unknown> | null> {
  const p = payload as Record<string, unknown>;
  if (channel === 'files.open') return pickFile((p.filters as { extensions: string[] }[]) ?? []);
  if (channel === 'files.save') return download(String(p.defaultName ?? ''), String(p.base64 ?? ''));
  if (channel === 'files.print') return printInBrowser(String(p.pdfBase64 ?? ''));
  return null;
}

export async function call<C extends Channel>(channel: C, payload: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  const api = window.tierline;
  try {
    if (api) return await api.invoke(channel, payload);
    const local = await browserShell(channel, payload);
    if (local) return local as Result<ChannelOutput<C>>;
    return (await httpInvoke(channel, payload)) as Result<ChannelOutput<C>>;
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
  // The latest payload for the effect below, which reruns on `key` only; a layout effect runs before it.
  useLayoutEffect(() => {
    payloadRef.current = payload;
  });
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
