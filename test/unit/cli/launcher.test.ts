// bin/tierline.mjs runs the compiled CLI (dist/cli, built at set-up) only while it is as new as every
// source it was built from, and the sources through tsx otherwise. Built into a scratch checkout (links
// to this one's sources, packages and assets), so the repository's own dist/ is not touched.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import { Determination } from '../../../shared/domain/determination';

const ROOT = resolve(import.meta.dirname, '../../..');
const good = join(ROOT, 'test/fixtures/cases/sc01-aia-germany.json');

describe('the tierline launcher', () => {
  const t = mkdtempSync(join(tmpdir(), 'tierline-launcher-'));
  after(() => rmSync(t, { recursive: true, force: true }));
  for (const d of ['main', 'shared', 'assets', 'node_modules']) symlinkSync(join(ROOT, d), join(t, d));
  mkdirSync(join(t, 'bin'));
  mkdirSync(join(t, 'scripts'));
  cpSync(join(ROOT, 'bin', 'tierline.mjs'), join(t, 'bin', 'tierline.mjs'));
  cpSync(join(ROOT, 'scripts', 'build-cli.mjs'), join(t, 'scripts', 'build-cli.mjs'));
  cpSync(join(ROOT, 'package.json'), join(t, 'package.json'));

  const run = (env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [join(t, 'bin', 'tierline.mjs'), 'evaluate', '--json', '--data-dir', join(t, 'data'), good], {
      encoding: 'utf8',
      env: { ...process.env, TIERLINE_LAUNCH_TRACE: '1', ...env },
    });
    assert.equal(r.status, 0, r.stderr);
    return { ran: /running (.*)/.exec(r.stderr)?.[1], determination: Determination.parse(JSON.parse(r.stdout.trim())) };
  };

  test('without a build it runs the sources; after `npm run build:cli` the compiled file, with the same answer', () => {
    const before = run();
    assert.equal(before.ran, 'the sources through tsx');
    const b = spawnSync(process.execPath, [join(t, 'scripts', 'build-cli.mjs')], { encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
    assert.match(b.stdout, /built dist\/cli\/tierline\.mjs from \d+ sources/);
    const compiled = run();
    assert.equal(compiled.ran, 'dist/cli/tierline.mjs');
    // The bundle finds the built-in packs and reaches the same determination.
    assert.deepEqual(
      compiled.determination.evaluations.map((e) => [e.mode, e.licenseRequired, e.items.map((i) => i.authorization), e.rulePack]),
      before.determination.evaluations.map((e) => [e.mode, e.licenseRequired, e.items.map((i) => i.authorization), e.rulePack]),
    );
  });

  test('a source newer than the build, or TIERLINE_FROM_SOURCE=1, sends it back to the sources', () => {
    const inputs = join(t, 'dist', 'cli', 'inputs.json');
    const manifest = JSON.parse(readFileSync(inputs, 'utf8')) as { built: number; files: string[] };
    assert.ok(manifest.files.includes('main/cli.ts') || manifest.files.some((f) => f.endsWith('main/cli.ts')), manifest.files.join(','));
    assert.equal(run({ TIERLINE_FROM_SOURCE: '1' }).ran, 'the sources through tsx');
    writeFileSync(inputs, JSON.stringify({ ...manifest, built: 0 }));
    assert.equal(run().ran, 'the sources through tsx');
    writeFileSync(inputs, JSON.stringify(manifest));
    assert.equal(run().ran, 'dist/cli/tierline.mjs');
  });
});
