// The built renderer ships each Blueprint icon font as woff2 only (renderer/vite.config.ts drops the
// ttf, eot, woff and svg sources), and in Chromium, under the app's CSP, both icon fonts still load
// from the woff2 the CSS names.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { missingPrerequisite, openApp, RENDERER, suiteBrowser } from './harness';

const skip = missingPrerequisite();

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('renderer build output', { skip: skip ?? false }, () => {
  const suite = suiteBrowser();

  test('fonts are emitted as woff2 only, and the CSS names no other format', () => {
    const all = files(RENDERER).map((f) => relative(RENDERER, f));
    const fonts = all.filter((f) => /\.(ttf|otf|eot|woff2?|svg)$/i.test(f));
    assert.deepEqual(fonts.filter((f) => !f.endsWith('.woff2')), [], 'font files other than woff2 in dist/renderer');
    assert.deepEqual(fonts.map((f) => f.replace(/-[\w-]{8}\.woff2$/, '.woff2')).sort(), ['assets/blueprint-icons-16.woff2', 'assets/blueprint-icons-20.woff2']);
    const css = all.filter((f) => f.endsWith('.css')).map((f) => readFileSync(join(RENDERER, f), 'utf8')).join('\n');
    const faces = css.match(/@font-face\s*\{[^}]*\}/g) ?? [];
    assert.equal(faces.length, 2, faces.join('\n'));
    for (const face of faces) {
      const urls = [...face.matchAll(/url\(["']?([^"')?#]+)/g)].map((m) => m[1]);
      assert.equal(urls.length, 1, face);
      assert.match(urls[0], /\.woff2$/, face);
      assert.ok(all.includes(join('assets', urls[0].replace(/^\.\//, ''))), `${urls[0]} is not in dist/renderer/assets`);
    }
  });

  test('both icon fonts load in Chromium from their woff2', async () => {
    const app = await openApp(suite.browser, suite.origin, '#/cases');
    try {
      const loaded = await app.page.evaluate(async () => {
        await Promise.all(['16px blueprint-icons-16', '20px blueprint-icons-20'].map((f) => document.fonts.load(f)));
        const out: string[] = [];
        document.fonts.forEach((f) => {
          const family = f.family.replace(/"/g, '');
          if (family.startsWith('blueprint-icons')) out.push(`${family}:${f.status}`);
        });
        return out.sort();
      });
      assert.deepEqual(loaded, ['blueprint-icons-16:loaded', 'blueprint-icons-20:loaded']);
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  });
});
