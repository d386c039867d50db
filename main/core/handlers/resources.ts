// Core resources opened on first use and kept for the life of the context (one database connection).
import type { HandlerContext } from './context';

type Closer = () => void;
const closers = new WeakMap<HandlerContext, Closer[]>();

export function resource<T>(ctx: HandlerContext, key: string, open: () => T, close?: (value: T) => void): T {
  if (ctx.resources.has(key)) return ctx.resources.get(key) as T;
  const value = open();
  ctx.resources.set(key, value);
  if (close) {
    const list = closers.get(ctx) ?? [];
    list.push(() => close(value));
    closers.set(ctx, list);
  }
  return value;
}

export function closeResources(ctx: HandlerContext): void {
  for (const c of (closers.get(ctx) ?? []).reverse()) {
    try {
      c();
    } catch {
      // closing is best effort on shutdown
    }
  }
  closers.delete(ctx);
  ctx.resources.clear();
}
