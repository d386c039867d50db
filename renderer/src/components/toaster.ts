import { OverlayToaster, Position, type Toaster } from '@blueprintjs/core';
import type { IpcError } from '../../../shared/ipc/result';
import { nextStep } from './errors';

let toaster: Promise<Toaster> | null = null;
function get(): Promise<Toaster> {
  toaster ??= OverlayToaster.create({ position: Position.BOTTOM_RIGHT, maxToasts: 4 });
  return toaster;
}

export function toastOk(message: string): void {
  void get().then((t) => t.show({ message, intent: 'success', icon: 'tick', timeout: 4000 }));
}

export function toastError(e: IpcError): void {
  if (e.code === 'CANCELLED') return;
  void get().then((t) => t.show({ message: `${e.message} ${nextStep(e)}`, intent: 'danger', icon: 'error', timeout: 8000 }));
}
