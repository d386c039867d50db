// The page's uncaught errors and unhandled rejections go to the core's log over `app.logError`, so a
// crash in the window leaves a trace in tierline.log (the shell logs a crashed renderer process itself).
// At most MAX_REPORTS per page load, identical ones once: a loop that throws cannot flood the log.
import { call } from './client';

const MAX_REPORTS = 20;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function reportErrorsToCore(target: Window = window): void {
  const seen = new Set<string>();
  const send = (input: { kind: 'error' | 'unhandledrejection'; message: string; stack?: string; source?: string; line?: number; column?: number }) => {
    const key = `${input.kind}:${input.message}:${input.source ?? ''}:${input.line ?? ''}`;
    if (seen.has(key) || seen.size >= MAX_REPORTS) return;
    seen.add(key);
    void call('app.logError', {
      ...input,
      message: clip(input.message || '(no message)', 2000),
      stack: input.stack === undefined ? undefined : clip(input.stack, 20_000),
      source: input.source === undefined ? undefined : clip(input.source, 500),
    });
  };
  target.addEventListener('error', (e: ErrorEvent) => {
    const err = e.error instanceof Error ? e.error : null;
    send({ kind: 'error', message: err ? `${err.name}: ${err.message}` : String(e.message), stack: err?.stack, source: e.filename || undefined, line: e.lineno || undefined, column: e.colno || undefined });
  });
  target.addEventListener('unhandledrejection', (e: PromiseRejectionEvent) => {
    const r: unknown = e.reason;
    send({ kind: 'unhandledrejection', message: r instanceof Error ? `${r.name}: ${r.message}` : String(r), stack: r instanceof Error ? r.stack : undefined });
  });
}
