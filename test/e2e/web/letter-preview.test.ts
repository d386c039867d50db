// The letter panel and Verify in the browser mode (the real `tierline serve`, Debian Chromium): the
// preview is the core's draft PDF drawn by pdf.js (pixels on a canvas, the page's aspect A4 or US Letter,
// the paper remembered across a reload); on first use the panel creates the signing identity in place and
// issues, and poppler's pdfsig names the officer typed in as the signer; Verify then says what the letter
// decided (reference, parties, both modes) and, once voided, VOID.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { dispatch } from '../../../main/core/handlers';
import type { ChannelOutput } from '../../../shared/ipc/contract';
import { assertAccessible, assertNoHorizontalOverflow, fixtureCase, launchBrowser, missingPrerequisite, openServed, screenshot, type ServedSession } from './harness';

const skip = missingPrerequisite();
const REFERENCE = 'PO-2026-0042';
const OFFICER = 'Dana Reyes';
const OFFICE = 'Export Control Office, Example Corp';
const PASSPHRASE = 'correct horse battery';

/** The AIA Germany case in both modes, with a reference to find on the Verify screen. */
function letterCase(): Record<string, unknown> {
  const { mode: _mode, ...rest } = fixtureCase();
  return { ...rest, reference: REFERENCE };
}

async function evaluatedCase(app: ServedSession): Promise<void> {
  const c = await dispatch('cases.import', { fileName: 'sc01.json', text: JSON.stringify(letterCase()) }, app.ctx);
  assert.ok(c.ok, JSON.stringify(c));
  const d = await dispatch('determinations.evaluate', { caseId: 1 }, app.ctx);
  assert.ok(d.ok, JSON.stringify(d));
}

/** The drawn page: its size in PDF points, its aspect on screen, and how much of it is not white. */
async function drawnPage(page: Page): Promise<{ points: [number, number]; aspect: number; inked: number }> {
  const canvas = page.getByTestId('pdf-page').first();
  await canvas.waitFor({ timeout: 30_000 });
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200)) inked++;
    const box = c.getBoundingClientRect();
    return { points: [Number(c.dataset.pageWidth), Number(c.dataset.pageHeight)] as [number, number], aspect: box.height / box.width, inked: inked / (c.width * c.height) };
  });
}

/** Waits until the panel's paper choice is this one (it loads from the core, then falls back on the locale). */
async function paperChosen(page: Page, paper: 'A4' | 'LETTER'): Promise<void> {
  await page.waitForFunction((p) => (document.querySelector(`[data-testid="letter-paper"] input[value="${p}"]`) as HTMLInputElement | null)?.checked === true, paper, { timeout: 10_000 });
}

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('letter panel and Verify (browser mode)', { skip: skip ?? false }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('the preview draws the PDF itself; US Letter from an en-US locale, A4 chosen and kept across a reload', async () => {
    const app = await openServed(browser, '#/cases', { locale: 'en-US' });
    const { page } = app;
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    try {
      await evaluatedCase(app);
      await page.goto(`${app.server.origin}/#/cases/1/determination`);
      const panel = page.getByTestId('letter-panel');
      await panel.waitFor();
      await paperChosen(page, 'LETTER');
      await panel.getByRole('button', { name: 'Preview' }).click();
      const letter = await drawnPage(page);
      assert.deepEqual(letter.points, [612, 792], 'a US Letter page');
      assert.ok(Math.abs(letter.aspect - 792 / 612) < 0.01, `aspect ${letter.aspect}`);
      // A blank or failed canvas has no ink; a letter page has text, rules and the banner (a few per cent).
      assert.ok(letter.inked > 0.01, `${(letter.inked * 100).toFixed(2)} % of the page is drawn`);
      assert.ok(letter.inked < 0.6, `${(letter.inked * 100).toFixed(2)} % drawn: not a solid block`);
      // pdf.js parsed in its own worker, loaded from the bundle under the page's CSP (no fake-worker fallback).
      assert.ok(page.workers().some((w) => new URL(w.url()).origin === app.server.origin && /pdf\.worker/.test(w.url())), page.workers().map((w) => w.url()).join());
      assert.deepEqual(warnings.filter((w) => /fake worker|unsafe-eval|Content Security Policy/i.test(w)), []);
      await page.getByTestId('letter-preview').scrollIntoViewIfNeeded();
      await screenshot(page, 'letter-preview-us-letter');

      await panel.locator('label:has(input[value="A4"])').click();
      await page.locator('[data-testid="pdf-page"][data-page-height="841.89"]').first().waitFor({ timeout: 30_000 });
      const a4 = await drawnPage(page);
      assert.deepEqual(a4.points.map(Math.round), [595, 842], 'an A4 page');
      assert.ok(Math.abs(a4.aspect - 841.89 / 595.28) < 0.01, `aspect ${a4.aspect}`);
      assert.ok(a4.inked > 0.01);
      await screenshot(page, 'letter-preview-a4');
      await assertNoHorizontalOverflow(page, 'determination with the preview open');
      await assertAccessible(page, 'letter preview');

      // Remembered by the core (the browser mode's origin changes with its port), so a reload keeps it.
      await page.reload();
      await page.getByTestId('letter-panel').waitFor();
      await paperChosen(page, 'A4');
      const prefs = await dispatch('preferences.get', {}, app.ctx);
      assert.deepEqual(prefs, { ok: true, value: { letterPageSize: 'A4' } });
      assert.deepEqual(app.blocked, []);
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
    // Another locale, nothing chosen yet: A4.
    const de = await openServed(browser, '#/cases', { locale: 'de-DE' });
    try {
      await evaluatedCase(de);
      await de.page.goto(`${de.server.origin}/#/cases/1/determination`);
      await de.page.getByTestId('letter-panel').waitFor();
      await paperChosen(de.page, 'A4');
      assert.deepEqual(de.pageErrors, []);
    } finally {
      await de.close();
    }
  });

  test('first use at 1024×700: the panel creates the identity, issues; pdfsig names the officer; Verify shows the decision, then VOID', async () => {
    const app = await openServed(browser, '#/cases', { locale: 'en-GB', viewport: { width: 1024, height: 700 } });
    const { page } = app;
    try {
      await evaluatedCase(app);
      await page.goto(`${app.server.origin}/#/cases/1/determination`);
      const panel = page.getByTestId('letter-panel');
      await panel.getByTestId('identity-first-use').waitFor();
      await panel.getByTestId('officer-name').fill(OFFICER);
      await panel.getByTestId('office-name').fill(OFFICE);
      await panel.getByTestId('passphrase').fill(PASSPHRASE);
      await panel.getByTestId('passphrase-again').fill(`${PASSPHRASE}!`);
      assert.equal(await panel.getByTestId('create-identity-issue').isDisabled(), true, 'two different passphrases create nothing');
      await panel.getByText('The two passphrases differ.').waitFor();
      await panel.getByTestId('passphrase-again').fill(PASSPHRASE);
      await panel.scrollIntoViewIfNeeded();
      await screenshot(page, 'letter-identity-first-use-1024x700');
      await assertNoHorizontalOverflow(page, 'letter panel, first use, at 1024×700');
      await assertAccessible(page, 'letter panel, first use');
      await panel.getByTestId('create-identity-issue').click();
      await panel.getByTestId('letter-issued').waitFor({ timeout: 60_000 });
      assert.match(await panel.getByTestId('letter-issued').innerText(), new RegExp(`Signed by ${OFFICER}`));
      const id = await dispatch('identity.get', {}, app.ctx);
      assert.ok(id.ok, JSON.stringify(id));
      assert.deepEqual((({ configured, office, signer }) => ({ configured, office, signer }))(id.value as ChannelOutput<'identity.get'>), { configured: true, office: OFFICE, signer: OFFICER });

      const download = page.waitForEvent('download');
      await panel.getByTestId('save-letter').click();
      const file = join(app.dataDir, 'issued.pdf');
      await (await download).saveAs(file);
      const sig = run('pdfsig', [file]);
      assert.match(sig.out, new RegExp(`Signer Certificate Common Name: ${OFFICER}\\n`), sig.out);
      assert.match(sig.out, /Signer full Distinguished Name: O="?Export Control Office, Example Corp"?,CN=Dana Reyes\n/, sig.out);
      assert.match(sig.out, /Signature Validation: Signature is Valid\./);
      assert.match(sig.out, /Total document signed/);
      assert.doesNotMatch(sig.out, new RegExp(`Common Name: ${userInfo().username}\\n`), 'not the login name');
      // Paper: en-GB and nothing chosen, so A4.
      assert.match(run('pdfinfo', [file]).out, /Page size:\s+595\.28 x 841\.89 pts \(A4\)/);

      // Verify: the letter's own records say what it decided, enforced first.
      await page.goto(`${app.server.origin}/#/letters/verify`);
      const bytes = readFileSync(file);
      await page.getByTestId('verify-drop-input').setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: bytes });
      const result = page.locator('[data-testid="verify-result"][data-outcome="VALID"]');
      await result.waitFor({ timeout: 30_000 });
      assert.equal(await result.getByTestId('verify-status').innerText(), 'VALID');
      assert.equal(await result.getByTestId('verify-reference').innerText(), REFERENCE);
      const decided = await result.getByTestId('verify-decided').innerText();
      assert.match(decided, /Rheinwerk Cloud GmbH/);
      assert.match(decided, /Germany/);
      assert.match(await result.getByTestId('verify-outcome-enforced').innerText(), /No license required.*BIS enforces: no license required, you may ship under NLR\./s);
      assert.match(await result.getByTestId('verify-outcome-as_written').innerText(), /License exception AIA.*As written: no individual license, you may ship under License Exception AIA/s);
      assert.ok(decided.indexOf('BIS enforces') < decided.indexOf('As written'), 'enforced first');
      await screenshot(page, 'verify-decided-valid');
      await assertAccessible(page, 'verify with the decision');

      // Voided in the register: still genuine, so it still says what it decided, under VOID.
      const letters = await dispatch('letters.list', {}, app.ctx);
      assert.ok(letters.ok);
      assert.ok((await dispatch('letters.void', { id: (letters.value as ChannelOutput<'letters.list'>)[0].id, reason: 'issued against the wrong consignee' }, app.ctx)).ok);
      await page.getByTestId('verify-drop-input').setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: bytes });
      const voided = page.locator('[data-testid="verify-result"][data-outcome="VOID"]');
      await voided.waitFor({ timeout: 30_000 });
      assert.equal(await voided.getByTestId('verify-status').innerText(), 'VOID');
      assert.equal(await voided.getByTestId('verify-reference').innerText(), REFERENCE);
      assert.match(await voided.innerText(), /issued against the wrong consignee/);

      // A changed byte: INVALID, and nothing of the letter's content is shown as decided.
      const tampered = Buffer.from(bytes);
      tampered[1500] ^= 0x01;
      writeFileSync(join(app.dataDir, 'tampered.pdf'), tampered);
      await page.getByTestId('verify-drop-input').setInputFiles({ name: 'tampered.pdf', mimeType: 'application/pdf', buffer: tampered });
      await page.locator('[data-testid="verify-result"][data-outcome="INVALID"]').waitFor({ timeout: 30_000 });
      assert.equal(await page.getByTestId('verify-decided').count(), 0);
      assert.deepEqual(app.blocked, []);
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  });
});
