// npm packages that only some commands and screens need (pdfkit, qrcode, node-forge, exceljs: together
// several hundred milliseconds of start-up on this machine) are loaded on first use, not at start. A
// module is written as `import type X from 'x'` plus `const X = lazyModule<typeof X>('x')`: the name
// keeps its types and reads like the import, and the first property access, call or `new` loads it.
// Resolution is relative to this file: in the checkout (tsx), the CLI bundle and the shell's bundle,
// import.meta.url points into main/core/ (see scripts/build-cli.mjs and build-main.mjs).
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

export function lazyModule<T extends object>(id: string): T {
  let mod: T | undefined;
  const get = (): T => (mod ??= load(id) as T);
  // A function target, so that modules which are themselves constructors (pdfkit) can be called and `new`ed.
  return new Proxy(function lazy() {} as unknown as T, {
    get: (_t, key) => {
      const m = get() as Record<PropertyKey, unknown>;
      const v = m[key];
      return typeof v === 'function' && key !== 'prototype' && !/^[A-Z]/.test(String(key)) ? (v as (...a: unknown[]) => unknown).bind(m) : v;
    },
    has: (_t, key) => key in get(),
    apply: (_t, self, args) => Reflect.apply(get() as unknown as (...a: unknown[]) => unknown, self, args),
    construct: (_t, args) => Reflect.construct(get() as unknown as new (...a: unknown[]) => object, args),
  });
}
