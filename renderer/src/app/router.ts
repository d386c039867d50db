// Hash routes (#/cases/12): in-app navigation never loads a new document, so the shell can refuse every
// real navigation.
import { useSyncExternalStore } from 'react';

export interface Route {
  path: string[];
  query: URLSearchParams;
}

function read(): Route {
  const hash = window.location.hash.replace(/^#\/?/, '');
  const [p, q] = hash.split('?');
  return { path: (p ?? '').split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(q ?? '') };
}

let cached = { hash: '', route: read() };
function snapshot(): Route {
  if (cached.hash !== window.location.hash) cached = { hash: window.location.hash, route: read() };
  return cached.route;
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, snapshot);
}

export function go(hash: string): void {
  window.location.hash = hash.startsWith('#') ? hash : `#${hash}`;
}
