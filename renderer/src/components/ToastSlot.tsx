// The reserved place where the one current toast shows (see toaster.ts). It fills the free space at the
// foot of the side nav, which holds no controls, so the message never hides what it is about.
import { useSyncExternalStore } from 'react';
import { Toast } from '@blueprintjs/core';
import { currentToast, dismissToast, subscribeToast } from './toaster';

export function ToastSlot() {
  const t = useSyncExternalStore(subscribeToast, currentToast);
  return (
    <div className="tl-toast-slot" role="status" aria-live="polite" data-testid="toast-slot">
      {t && <Toast key={t.id} className="tl-toast" message={t.message} intent={t.intent} icon={t.icon} timeout={t.timeout} onDismiss={() => dismissToast(t.id)} />}
    </div>
  );
}
