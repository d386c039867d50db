// Starting the core and listing cases loads none of the letter, PDF, QR, spreadsheet or ASN.1 packages
// (pdfkit, node-forge, qrcode, exceljs, the @peculiar schemas and asn1js): they load on the first call that
// needs them. Checked in a fresh child process, from the sources through tsx and bundled as CommonJS the
// way scripts/build-main.mjs bundles the shell, and the same child shows that an identity call does load
// the ASN.1 code (so the check can see a package that is loaded).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..', '..', '..');
const CHILD = join(root, 'test', 'support', 'lazy-start-child.ts');

interface ChildReport {
  listOk: boolean;
  identityOk: boolean;
  afterList: string[];
  afterIdentity: string[];
}

function check(r: ChildReport): void {
  assert.equal(r.listOk, true);
  assert.deepEqual(r.afterList, [], 'nothing heavy loaded to list cases');
  assert.equal(r.identityOk, true);
  assert.ok(r.afterIdentity.includes('@peculiar') && r.afterIdentity.includes('asn1js'), `the identity call loads the ASN.1 code (${r.afterIdentity.join(', ')})`);
}

test('from the sources: the case list loads no letter, PDF, QR, XLSX or ASN.1 package', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tierline-lazy-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const out = execFileSync(process.execPath, ['--import', 'tsx', CHILD, dir], { cwd: root, encoding: 'utf8' });
  check(JSON.parse(out.trim().split('\n').pop()!) as ChildReport);
});

test('bundled as the shell is (CommonJS, npm packages external): the same', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tierline-lazy-bundle-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // At main/core/<dir>/ depth below a folder holding assets/ and node_modules/, as the core expects.
  const out = join(dir, 'app', 'main', 'core', 'x', 'child.cjs');
  await build({
    absWorkingDir: root,
    entryPoints: [CHILD],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    define: { 'import.meta.url': '__tierlineImportMetaUrl' },
    banner: { js: "const __tierlineImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  symlinkSync(join(root, 'node_modules'), join(dir, 'app', 'node_modules'));
  symlinkSync(join(root, 'assets'), join(dir, 'app', 'assets'));
  const data = join(dir, 'data');
  const text = execFileSync(process.execPath, [out, data], { cwd: dir, encoding: 'utf8' });
  check(JSON.parse(text.trim().split('\n').pop()!) as ChildReport);
});
