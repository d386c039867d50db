// Lint with import zones and per-layer allow-lists (../shared/design/STYLE.md, docs/architecture.md).
// Each layer names the npm packages it may import, as Signal-Desktop's config does; anything else is an
// error, so a new dependency in a layer is a deliberate edit here. The lists are today's real imports.
// Relative imports between layers are checked by import-x/no-restricted-paths, which needs the resolver
// below to find extensionless `.ts` imports (without it every zone was silently skipped).
// test/unit/lint/layers.test.ts proves each layer refuses what it must.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';

/** npm packages (and their subpaths) each layer may import; Node built-ins only as `node:*` where listed. */
export const LAYER_PACKAGES = {
  // Pure: types and validation only, runs in the core and in the renderer.
  shared: ['zod'],
  // Plain Node: the store, the engine, letters, the CLI and `tierline serve`.
  core: [
    'node:*', 'zod', 'commander', 'better-sqlite3', 'csv-parse', 'exceljs', 'pdfkit', 'qrcode', 'node-forge',
    '@peculiar/asn1-cms', '@peculiar/asn1-schema', '@peculiar/asn1-x509', 'any-ascii', 'fastest-levenshtein',
  ],
  // The Electron main process: windows, dialogs, menus, the app:// protocol and its log.
  shell: ['node:*', 'electron', 'electron-log'],
  // The preload exposes the IPC contract and nothing else.
  preload: ['electron'],
  // The page: React, Blueprint, react-virtual and pdf.js (the letter preview); it reaches the core only through window.tierline.
  renderer: ['react', 'react-dom', '@blueprintjs/core', '@blueprintjs/icons', '@tanstack/react-virtual', 'pdfjs-dist'],
};

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A regex matching every bare (non-relative) module name outside the allow-list. */
function forbiddenModules(allowed) {
  // \x2F for '/': esquery's /regex/ in the selectors below cannot contain a slash.
  const alts = allowed.map((p) => (p.endsWith(':*') ? `${escape(p.slice(0, -1))}.+` : `${escape(p)}(?:\\x2F.*)?`).replaceAll('/', '\\x2F'));
  return `^(?!\\.)(?!(?:${alts.join('|')})$)`;
}
function allowList(layer, what) {
  const regex = forbiddenModules(LAYER_PACKAGES[layer]);
  const message = `${what} may import only ${LAYER_PACKAGES[layer].join(', ')} (LAYER_PACKAGES in eslint.config.js).`;
  return {
    'no-restricted-imports': ['error', { patterns: [{ regex, message }] }],
    // import() and require() are not seen by no-restricted-imports; lazyModule('x') is main/core/lazy.ts.
    'no-restricted-syntax': [
      'error',
      { selector: `ImportExpression > Literal.source[value=/${regex}/]`, message },
      { selector: `CallExpression[callee.name=/^(require|lazyModule)$/] > Literal.arguments[value=/${regex}/]`, message },
    ],
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'test-artifacts/**', 'renderer/dist/**', 'bench/.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'] })] },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './shared', from: ['./main', './renderer', './test', './bench', './scripts'], message: 'shared/ is pure: it imports nothing outside shared/.' },
            { target: ['./main/core', './main/cli.ts'], from: ['./main/shell', './main/preload', './renderer'], message: 'main/core runs in plain Node: no shell, preload or renderer code.' },
            { target: './main/preload', from: ['./main/core', './main/shell', './renderer'], message: 'the preload exposes the IPC contract only.' },
            { target: './main/shell', from: ['./renderer', './main/preload'], message: 'the shell does not import the page or the preload (they are separate bundles).' },
            {
              target: './main/shell',
              from: './main/core',
              except: ['./handlers/index.ts', './handlers/context.ts', './letters/index.ts', './paths.ts', './runtime.ts', './serve/web-policy.ts', './log.ts'],
              message: 'the shell reaches the core through its entry points only (handlers, letters, paths, runtime, serve/web-policy, log).',
            },
            { target: './renderer', from: ['./main'], message: 'the renderer reaches the core only through window.tierline (renderer/src/api/client.ts).' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.{ts,tsx}'],
    rules: {
      ...allowList('shared', 'shared/'),
      'no-restricted-globals': ['error', 'window', 'document', 'Buffer', 'process', 'require'],
    },
  },
  { files: ['main/core/**/*.{ts,tsx}', 'main/cli.ts'], rules: allowList('core', 'main/core') },
  { files: ['main/shell/**/*.{ts,tsx}'], rules: allowList('shell', 'main/shell') },
  { files: ['main/preload/**/*.{ts,tsx}'], rules: allowList('preload', 'main/preload') },
  { files: ['renderer/src/**/*.{ts,tsx}'], rules: allowList('renderer', 'renderer/src') },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.flat.recommended.rules,
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
