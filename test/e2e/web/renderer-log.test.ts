// The page's own crashes reach the core's log: an uncaught error and an unhandled rejection thrown in
// the built renderer (Chromium, served by the real `tierline serve` server with its token and CSP) are
// forwarded over `app.logError` and written to tierline.log in the data folder, redacted, once each.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, missingPrerequisite, openServed } from './harness';
import type { Browser } from 'playwright-core';

const skip = missingPrerequisite();

describe('renderer errors in the core log', { skip: skip ?? false }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => browser?.close());

  test('an uncaught error and an unhandled rejection in the page land in tierline.log', async () => {
    const app = await openServed(browser, '#/cases');
    try {
      await app.page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0);
      await app.page.evaluate(() => {
        for (let i = 0; i < 3; i++) setTimeout(() => { throw new Error('probe from the page, token=abc123secret'); }, 0);
        void Promise.reject(new Error('rejection from the page'));
      });
      const log = join(app.dataDir, 'tierline.log');
      const deadline = Date.now() + 10_000;
      const read = () => (existsSync(log) ? readFileSync(log, 'utf8') : '');
      while (!/rejection from the page/.test(read()) || !/probe from the page/.test(read())) {
        if (Date.now() > deadline) assert.fail(`not logged within 10 s:\n${read()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const text = read();
      assert.match(text, /ERROR \[renderer\] uncaught error(?: at \S+)?: Error: probe from the page, token=\[redacted\]/);
      assert.match(text, /ERROR \[renderer\] unhandled rejection: Error: rejection from the page/);
      assert.ok(!text.includes('abc123secret'));
      assert.equal(text.match(/\[renderer\] uncaught error/g)?.length, 1, 'the same error three times is logged once');
      assert.ok(!text.includes(app.server.token), 'the serve token is in no log');
    } finally {
      await app.close();
    }
  });
});
