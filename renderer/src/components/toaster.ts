// One toast at a time: a new message replaces the one showing (never a stack), and it is drawn in a slot
// the frame reserves for it (ToastSlot, at the foot of the side nav), so it never covers the screen's
// content or controls. Messages live in this small store so any screen can raise one without a context.
import type { Intent, IconName } from '@blueprintjs/core';
import type { IpcError } from '../../../shared/ipc/result';
import { nextStep } from './errors';

export interface ToastMessage {
  id: number;
  message: string;
  intent: Intent;
  icon: IconName;
  timeout: number;
}

let current: ToastMessage | null = null;
let seq = 0;
const listeners = new Set<() => void>();

function set(t: ToastMessage | null): void {
  current = t;
  for (const l of listeners) l();
}

export function subscribeToast(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function currentToast(): ToastMessage | null {
  return current;
}

/** Dismisses the given toast if it is still the one showing (a later one is left alone). */
export function dismissToast(id: number): void {
  if (current?.id === id) set(null);
}

export function toastOk(message: string): void {
  set({ id: ++seq, message, intent: 'success', icon: 'tick', timeout: 4000 });
}

export function toastError(e: IpcError): void {
  if (e.code === 'CANCELLED') return;
  set({ id: ++seq, message: `${e.message} ${nextStep(e)}`.trim(), intent: 'danger', icon: 'error', timeout: 8000 });
}
