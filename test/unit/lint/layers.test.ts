// The lint allow-lists really refuse: the repository's own eslint.config.js, run by ESLint's API on source
// text placed (virtually) in each layer, reports a forbidden package or a cross-layer relative import as an
// error and lets the listed ones through. Without the resolver in the config the relative-path zones were
// silently skipped; the cases below that import `../core/db/open` and the like would then pass.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';

const ROOT = resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: ROOT });

/** The rule ids ESLint reports as errors for `code` placed at `file` (relative to the repository). */
async function errors(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return r.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

const use = (names: string[]) => `export const used = [${names.join(', ')}];\n`;
const imp = (spec: string) => `import x from '${spec}';\n${use(['x'])}`;

const CASES: { layer: string; file: string; forbidden: string[]; allowed: string[] }[] = [
  { layer: 'shared', file: 'shared/domain/zz-lint-probe.ts', forbidden: ['electron', 'better-sqlite3', 'node:fs', 'fs', 'react', 'pdfkit', '../../main/core/paths', '../../renderer/src/api/client'], allowed: ['zod', './case'] },
  { layer: 'main/core', file: 'main/core/db/zz-lint-probe.ts', forbidden: ['electron', 'electron-log', 'react', '@blueprintjs/core', 'fs', '../../shell/ipc', '../../preload/index'], allowed: ['node:fs', 'better-sqlite3', 'csv-parse/sync', 'zod', '../paths', '../../../shared/domain/case'] },
  { layer: 'main/cli.ts', file: 'main/zz-lint-probe-cli.ts', forbidden: [], allowed: [] },
  { layer: 'main/shell', file: 'main/shell/zz-lint-probe.ts', forbidden: ['better-sqlite3', 'pdfkit', 'react', '../core/db/open', '../core/letters/render', '../preload/index', '../../renderer/src/api/client'], allowed: ['electron', 'electron-log', 'node:path', '../core/handlers', '../core/paths', '../core/log', '../../shared/ipc/channels'] },
  { layer: 'main/preload', file: 'main/preload/zz-lint-probe.ts', forbidden: ['node:fs', 'better-sqlite3', 'zod', '../core/paths', '../shell/ipc'], allowed: ['electron', '../../shared/ipc/channels'] },
  { layer: 'renderer', file: 'renderer/src/zz-lint-probe.ts', forbidden: ['electron', 'better-sqlite3', 'node:fs', 'fs', 'pdfkit', '../../main/core/paths', '../../main/shell/ipc'], allowed: ['react', 'react-dom/client', '@blueprintjs/core', '@tanstack/react-virtual', '../../shared/domain/case', './api/client'] },
];

for (const c of CASES.filter((c) => c.forbidden.length)) {
  test(`${c.layer}: every import outside its allow-list is an error`, async () => {
    for (const spec of c.forbidden) {
      const e = await errors(c.file, imp(spec));
      assert.ok(e.some((m) => /^(no-restricted-imports|import-x\/no-restricted-paths):/.test(m)), `${c.layer} importing '${spec}' should fail lint, got ${JSON.stringify(e)}`);
    }
  });
  test(`${c.layer}: the listed packages and its own and lower layers lint clean`, async () => {
    for (const spec of c.allowed) assert.deepEqual(await errors(c.file, imp(spec)), [], `${c.layer} importing '${spec}'`);
  });
}

test('type-only imports, re-exports, import() and lazyModule() are held to the same lists', async () => {
  assert.ok((await errors('shared/domain/zz-lint-probe.ts', `import type { App } from 'electron';\nexport type A = App;\n`)).some((m) => m.startsWith('no-restricted-imports')));
  assert.ok((await errors('main/preload/zz-lint-probe.ts', `export { readFileSync } from 'node:fs';\n`)).some((m) => m.startsWith('no-restricted-imports')));
  assert.ok((await errors('renderer/src/zz-lint-probe.ts', `export const m = () => import('node:fs');\n`)).some((m) => m.startsWith('no-restricted-syntax')));
  assert.ok((await errors('main/core/zz-lint-probe.ts', `import { lazyModule } from './lazy';\nexport const E = lazyModule<object>('electron');\n`)).some((m) => m.startsWith('no-restricted-syntax')));
  assert.deepEqual(await errors('main/core/zz-lint-probe.ts', `import { lazyModule } from './lazy';\nexport const Q = lazyModule<object>('qrcode');\n`), []);
});

test('the CLI entry (main/cli.ts) is held to the core list', async () => {
  const [r] = await eslint.lintText(imp('electron'), { filePath: join(ROOT, 'main/cli.ts') });
  assert.ok(r.messages.some((m) => m.ruleId === 'no-restricted-imports'));
});

test('react-hooks: a hook called conditionally in the renderer is an error', async () => {
  const code = `import { useState } from 'react';\nexport function A({ on }: { on: boolean }) {\n  if (on) {\n    const [s] = useState(0);\n    return s;\n  }\n  return null;\n}\n`;
  assert.ok((await errors('renderer/src/zz-lint-probe.tsx', code)).some((m) => m.startsWith('react-hooks/rules-of-hooks')));
});

test('every package an allow-list names is a declared dependency (no stale entries)', async () => {
  const { LAYER_PACKAGES } = (await import(join(ROOT, 'eslint.config.js'))) as { LAYER_PACKAGES: Record<string, string[]> };
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
  const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]);
  const stale = Object.values(LAYER_PACKAGES).flat().filter((p) => !p.startsWith('node:') && !declared.has(p));
  assert.deepEqual(stale, []);
});
