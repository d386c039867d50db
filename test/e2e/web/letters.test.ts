// Journeys over letters: create the signing identity, issue a letter from a determination and save it,
// verify the saved PDF (VALID), a tampered copy (INVALID) and the letter after voiding it (VOID).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dispatch } from '../../../main/core/handlers';
import { assertAccessible, fixtureCase, missingPrerequisite, openApp, screenshot, suiteBrowser } from './harness';

const skip = missingPrerequisite();
const PASSPHRASE = 'correct horse battery';
// Carried from the issuing office's session to the other office's.
let issuedPdf: Uint8Array | null = null;
let officeCertificate: string | null = null;

describe('letters', { skip: skip ?? false }, () => {
  const suite = suiteBrowser();

  test('issue a letter, save it, verify it; a tampered letter is INVALID, a voided one VOID', async () => {
    const app = await openApp(suite.browser, suite.origin, '#/settings');
    const { page, ctx, platform } = app;
    try {
      // Signing identity, created in Settings.
      await page.getByLabel('Office (printed on letters)').fill('Export Control Office, Example Corp');
      await page.getByLabel('Officer holding the key').fill('Jo Signer');
      await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
      await page.getByLabel('Passphrase again').fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Create identity' }).click();
      await page.getByTestId('identity').waitFor({ timeout: 30_000 });
      assert.match(await page.getByTestId('identity').innerText(), /Example Corp/);
      assert.match(await page.getByTestId('identity').innerText(), /Signer\s+Jo Signer/);
      await page.getByRole('table', { name: 'Trusted certificates' }).getByText('(this installation)').waitFor();
      await page.getByRole('button', { name: 'Export for other offices…' }).click();
      await page.waitForFunction(() => document.body.innerText.includes('.tierline-cert.pem'));
      officeCertificate = Buffer.from(platform.saved[0].bytes).toString('utf8');
      assert.match(officeCertificate, /^-----BEGIN CERTIFICATE-----/);
      platform.saved.length = 0;
      await screenshot(page, '09-settings');
      await assertAccessible(page, 'settings');

      const imported = await dispatch('cases.import', { fileName: 'sc01.json', text: JSON.stringify(fixtureCase()) }, ctx);
      assert.ok(imported.ok);
      const caseId = (imported.value as { id: number }).id;
      await page.goto(`${suite.origin}/index.html#/cases/${caseId}/determination`);
      await page.getByTestId('evaluate').click();
      await page.getByTestId('mode-as_written').waitFor();

      // Preview, then issue with the officer's name and the passphrase.
      await page.getByTestId('officer-name').fill('A. Officer');
      await page.getByRole('button', { name: 'Preview' }).click();
      await page.getByTestId('letter-preview').getByTestId('pdf-page').first().waitFor({ timeout: 30_000 });
      // Under the desktop app's CSP (connect-src 'none'): pdf.js still runs in its bundled worker.
      assert.ok(page.workers().some((w) => /\/assets\/pdf\.worker[^/]*\.mjs$/.test(w.url())), page.workers().map((w) => w.url()).join());
      await page.getByTestId('letter-preview').scrollIntoViewIfNeeded();
      await screenshot(page, '06a-letter-preview');
      await assertAccessible(page, 'letter preview');
      await page.getByTestId('passphrase').fill('wrong passphrase');
      await page.getByTestId('issue-letter').click();
      await page.getByTestId('letter-panel').getByText('The passphrase does not unlock the signing key.').waitFor();
      await page.getByTestId('passphrase').fill(PASSPHRASE);
      await page.getByTestId('issue-letter').click();
      await page.getByTestId('letter-issued').waitFor({ timeout: 30_000 });
      await page.getByTestId('letter-panel').scrollIntoViewIfNeeded();
      await screenshot(page, '06-letter-issued');
      await page.getByTestId('save-letter').click();
      await page.waitForFunction(() => document.body.innerText.includes('Saved '));
      assert.equal(platform.saved.length, 1);
      const pdf = platform.saved[0].bytes;
      assert.equal(Buffer.from(pdf.subarray(0, 5)).toString(), '%PDF-');
      issuedPdf = pdf;

      // Verify: the saved file is VALID.
      await page.goto(`${suite.origin}/index.html#/letters/verify`);
      await page.getByTestId('verify-drop-input').setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) });
      await page.getByTestId('verify-result').waitFor();
      assert.match(await page.getByTestId('verify-result').innerText(), /^VALID/);
      await screenshot(page, '07-verify-valid');
      await assertAccessible(page, 'verify valid');

      // One changed byte inside the signed range: INVALID with the reason.
      const tampered = Buffer.from(pdf);
      const at = tampered.indexOf('A. Officer');
      assert.ok(at > 0 || tampered.length > 2000);
      tampered[at > 0 ? at : 1500] ^= 0x01;
      await page.getByTestId('verify-drop-input').setInputFiles({ name: 'tampered.pdf', mimeType: 'application/pdf', buffer: tampered });
      await page.getByTestId('verify-result').getByText('INVALID').waitFor();
      await screenshot(page, '08-verify-invalid');

      // The register: void the letter; verifying it again says why it is INVALID.
      await page.goto(`${suite.origin}/index.html#/letters`);
      await page.getByTestId('letter-register').waitFor();
      await screenshot(page, '10-letter-register');
      await assertAccessible(page, 'letter register');
      await page.getByRole('button', { name: /^Print TL-/ }).click();
      await page.waitForFunction(() => document.body.innerText.includes('Sent to the printer.'));
      assert.equal(platform.printed.length, 1);
      await page.getByRole('button', { name: 'Void' }).click();
      await page.getByLabel('Reason').fill('issued against the wrong consignee');
      await page.getByRole('button', { name: 'Void letter' }).click();
      await page.getByTestId('letter-register').getByText('void', { exact: true }).waitFor();
      await page.goto(`${suite.origin}/index.html#/letters/verify`);
      await page.getByTestId('verify-drop-input').setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) });
      await page.locator('[data-testid="verify-result"][data-outcome="VOID"]').waitFor();
      const voided = await page.getByTestId('verify-result').innerText();
      assert.match(voided, /^VOID/);
      assert.match(voided, /voided in the register: issued against the wrong consignee/);
      assert.deepEqual(app.blocked, []);
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  });

  test('another office verifies the letter once it trusts the issuing office', async () => {
    assert.ok(issuedPdf && officeCertificate, 'the first journey issued a letter and exported the certificate');
    const app = await openApp(suite.browser, suite.origin, '#/letters/verify');
    const { page } = app;
    try {
      await page.getByTestId('verify-drop-input').setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: Buffer.from(issuedPdf) });
      await page.getByTestId('verify-result').getByText('INVALID').waitFor();
      await page.goto(`${suite.origin}/index.html#/settings`);
      await page.getByLabel('Office certificate (PEM)').fill(officeCertificate);
      await page.getByRole('button', { name: 'Trust certificate' }).click();
      await page.getByRole('table', { name: 'Trusted certificates' }).getByText('Export Control Office, Example Corp').waitFor();
      await page.goto(`${suite.origin}/index.html#/letters/verify`);
      await page.getByTestId('verify-drop-input').setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: Buffer.from(issuedPdf) });
      await page.getByTestId('verify-result').waitFor();
      const text = await page.getByTestId('verify-result').innerText();
      assert.match(text, /^VALID \(not in this register\)/);
      assert.match(text, /in that office's register, not this one/);
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  });
});
