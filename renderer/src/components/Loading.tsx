import { Spinner } from '@blueprintjs/core';

/** Shown only when a call is slow (over half a second), so fast screens never flash a spinner. */
export function Loading({ slow, label }: { slow: boolean; label: string }) {
  if (!slow) return <div className="tl-loading-placeholder" aria-busy="true" />;
  return (
    <div className="tl-loading" role="status" aria-live="polite">
      <Spinner size={20} />
      <span>{label}</span>
    </div>
  );
}
