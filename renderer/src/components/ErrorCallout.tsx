import { Button, Callout } from '@blueprintjs/core';
import type { IpcError } from '../../../shared/ipc/result';
import { errorTitle, nextStep } from './errors';

export function ErrorCallout({ error, onRetry, compact }: { error: IpcError; onRetry?: () => void; compact?: boolean }) {
  const intent = error.code === 'UNAVAILABLE' || error.code === 'CANCELLED' ? 'warning' : 'danger';
  return (
    <Callout intent={intent} title={errorTitle(error)} icon={intent === 'warning' ? 'info-sign' : 'error'} compact={compact} role="alert" data-testid="error-callout">
      <div>{error.message}</div>
      {error.details && error.details.length > 1 && (
        <ul className="tl-error-list">
          {error.details.slice(0, 8).map((d, i) => (
            <li key={i}>
              <code>{d.path}</code> {d.message}
            </li>
          ))}
          {error.details.length > 8 && <li>…and {error.details.length - 8} more</li>}
        </ul>
      )}
      <div className="tl-muted">{nextStep(error)}</div>
      {onRetry && <Button size="small" variant="outlined" text="Try again" icon="refresh" onClick={onRetry} className="tl-mt" />}
    </Callout>
  );
}
