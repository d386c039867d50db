// app://tierline/ serves the built renderer from disk with the strict CSP header. Registered as a
// standard, secure scheme so the page gets a real origin (and 'self' in the CSP means exactly it). Files
// are read directly rather than through net.fetch(file://…), which the session's network filter refuses.
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { APP_SCHEME, resolveAppPath, responseHeaders } from './security';

export function registerSchemeBeforeReady(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, stream: false } },
  ]);
}

export function handleAppProtocol(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppPath(rendererRoot, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      return new Response(await readFile(file), { status: 200, headers: responseHeaders(file) });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
