// Lint with import zones: each layer may import only downward (../shared/design/STYLE.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'stream', 'buffer', 'url', 'util'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'test-artifacts/**', 'renderer/dist/**', 'bench/.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './shared', from: ['./main', './renderer', './test', './bench', './scripts'], message: 'shared/ is pure: it imports nothing outside shared/.' },
            { target: './main/core', from: ['./main/shell', './main/preload', './renderer'], message: 'main/core runs in plain Node: no shell, preload or renderer code.' },
            { target: './main/preload', from: ['./main/core', './main/shell', './renderer'], message: 'the preload exposes the IPC contract only.' },
            { target: './renderer', from: ['./main'], message: 'the renderer reaches the core only through window.tierline (renderer/src/api/client.ts).' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...nodeBuiltins, 'electron', 'better-sqlite3', 'pdfkit', 'react', 'react-dom'] }],
      'no-restricted-globals': ['error', 'window', 'document', 'Buffer', 'process', 'require'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...nodeBuiltins, 'electron', 'better-sqlite3', 'pdfkit'] }] },
  },
  {
    files: ['main/core/**/*.ts', 'main/cli.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['electron'], patterns: ['electron/*'] }] },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
