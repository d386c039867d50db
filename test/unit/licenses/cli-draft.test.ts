// The license commands end to end through the real CLI on a real data folder: add, list, show, a
// shipment refused with a plain reason and then drawn; a draft application from a determination that
// needs a license, as JSON and as a PDF read back by pdftotext and checked by qpdf. Also: the published
// JSON Schema is the one generated from the zod schema, and it accepts the example license.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { DOCUMENTS, jsonSchemaOf, SCHEMA_DIR } from '../../../scripts/schemas';
import { runCli, tempDir } from '../../support/cli';

// Paulista Dados SA in Brazil, 2026: 1,000 H100s are LPP; 2,000 exceed the LPP limit and need a license.
const CASE = {
  format: 'tierline.case/1',
  reference: 'BR-LIC-1',
  date: '2026-10-01',
  mode: 'as_written',
  destination: 'BR',
  endUse: 'datacenter',
  endUser: { name: 'Paulista Dados SA', type: 'data_center', headquarters: 'BR', ultimateParentHeadquarters: 'BR' },
  items: [{ description: 'NVIDIA H100 SXM', kind: 'ic', eccn: '3A090.a', quantity: 2000, tppPerUnit: 15832, performanceDensity: 19.45, dieAreaMm2: 814, datacenter: true, approvedDesigner: true, unitValueUsd: 25000 }],
};

export const EXAMPLE_LICENSE = {
  format: 'tierline.license/1',
  number: 'D1100001',
  issued: '2026-09-15',
  expires: '2027-09-14',
  applicant: { name: 'Tierline Exports Inc.', country: 'US', address: '1 Main St, Austin TX' },
  consignee: { name: 'Paulista Dados SA', country: 'BR' },
  endUser: { name: 'Paulista Dados SA', country: 'BR' },
  destination: 'BR',
  items: [{ eccn: '3A090.a', description: 'NVIDIA H100 SXM', quantity: 2500, tppLimit: 39_580_000, valueLimitUsd: 62_500_000 }],
  conditions: ['No reexport or transfer without prior BIS authorization.'],
  determination: { caseId: 1 },
};

describe('tierline licenses and shipments record --license', () => {
  const dir = tempDir();
  after(() => dir.cleanup());
  const data = dir.path;
  const caseFile = join(dir.path, 'case.json');
  const licFile = join(dir.path, 'license.json');
  writeFileSync(caseFile, JSON.stringify(CASE));
  writeFileSync(licFile, JSON.stringify(EXAMPLE_LICENSE));

  test('a shipment under LICENSE is refused without a covering license, then drawn down', async () => {
    const ev = await runCli(['evaluate', '--json', '--data-dir', data, caseFile]);
    assert.equal(ev.code, 0, ev.stderr.join('\n'));
    assert.equal(JSON.parse(ev.stdout[0]).evaluations[0].items[0].authorization, 'LICENSE');
    const none = await runCli(['shipments', 'record', '1', '--data-dir', data]);
    assert.equal(none.code, 2);
    assert.match(none.stderr.join('\n'), /LICENSE_REQUIRED: --license: item 0 \(3A090\.a\) ships under LICENSE .*\(--license NUMBER\)/);
    const bad = join(dir.path, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...EXAMPLE_LICENSE, expires: '2026-01-01' }));
    const b = await runCli(['licenses', 'add', '--data-dir', data, bad]);
    assert.equal(b.code, 2);
    assert.match(b.stderr.join('\n'), /bad\.json: \$\.expires: the license expires \(2026-01-01\) before it was issued/);
    const add = await runCli(['licenses', 'add', '--data-dir', data, licFile]);
    assert.equal(add.code, 0, add.stderr.join('\n'));
    const early = await runCli(['shipments', 'record', '1', '--date', '2026-09-14', '--license', 'D1100001', '--data-dir', data]);
    assert.equal(early.code, 2);
    assert.match(early.stderr.join('\n'), /NOT_COVERED: --license: license D1100001 does not cover this shipment: it was issued on 2026-09-15, after the ship date 2026-09-14/);
    const ok = await runCli(['shipments', 'record', '1', '--license', 'D1100001', '--data-dir', data]);
    assert.equal(ok.code, 0, ok.stderr.join('\n'));
    assert.match(ok.stdout.join('\n'), /line 1 3A090\.a \(NVIDIA H100 SXM\): 500 of 2,500 units left, 7,916,000 of 39,580,000 TPP left, \$12,500,000 of \$62,500,000 left/);
    assert.match(ok.stdout.join('\n'), /warning: line 1 \(3A090\.a\) is 80 % used/);
    const show = await runCli(['licenses', 'show', 'D1100001', '--as-of', '2027-09-01', '--data-dir', data]);
    assert.match(show.stdout.join('\n'), /expires in 13 day\(s\), on 2027-09-14/);
    assert.match(show.stdout.join('\n'), /condition: No reexport/);
    const list = await runCli(['licenses', 'list', '--json', '--as-of', '2026-10-01', '--data-dir', data]);
    const rows = JSON.parse(list.stdout[0]) as { status: { lines: { quantity: { used: number } }[] } }[];
    assert.equal(rows[0].status.lines[0].quantity.used, 2000);
  });

  test('a draft application: JSON with the BIS-748P blocks and the reasoning; a printable PDF', async () => {
    const applicant = join(dir.path, 'applicant.json');
    writeFileSync(applicant, JSON.stringify({ name: 'Tierline Exports Inc.', country: 'US', address: '1 Main St, Austin TX' }));
    const j = await runCli(['licenses', 'draft', '1', '--applicant', applicant, '--data-dir', data]);
    assert.equal(j.code, 0, j.stderr.join('\n'));
    const app = JSON.parse(j.stdout.join('\n'));
    assert.equal(app.format, 'tierline.license-application/1');
    assert.equal(app.status, 'draft');
    assert.equal(app.applicant.name, 'Tierline Exports Inc.');
    assert.equal(app.endUser.name, 'Paulista Dados SA');
    assert.equal(app.ultimateConsignee.country, 'BR');
    assert.deepEqual(app.items.map((i: { eccn: string; quantity: number; totalPriceUsd: number }) => [i.eccn, i.quantity, i.totalPriceUsd]), [['3A090.a', 2000, 50_000_000]]);
    assert.equal(app.totalValueUsd, 50_000_000);
    assert.match(app.specificEndUse, /data center/);
    assert.ok(app.reasoning[0].items[0].steps.some((s: { rule: string }) => s.rule === 'auth.LPP.cap'));
    assert.ok(!app.missing.some((m: string) => /Block 14/.test(m)));
    const pdf = join(dir.path, 'draft.pdf');
    const p = await runCli(['licenses', 'draft', '1', '--out', pdf, '--data-dir', data]);
    assert.equal(p.code, 0, p.stderr.join('\n'));
    assert.equal(spawnSync('qpdf', ['--check', pdf], { encoding: 'utf8' }).status, 0);
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
    assert.match(text, /DRAFT license application/);
    assert.match(text, /Block 19 — End user/);
    assert.match(text, /Paulista Dados SA/);
    assert.match(text, /ECCN 3A090\.a/);
    assert.match(text, /Block 14 applicant: name, address, country/);
    assert.match(text, /DRAFT — not a filing — page 1 of \d/);
    const none = await runCli(['licenses', 'draft', '99', '--data-dir', data]);
    assert.equal(none.code, 2);
    assert.match(none.stderr.join('\n'), /NOT_FOUND: no case 99/);
  });
});

test('docs/schemas/license.schema.json is generated from the zod schema (npm run schemas)', () => {
  const SCHEMA_FILE = join(SCHEMA_DIR, 'license.schema.json');
  assert.equal(readFileSync(SCHEMA_FILE, 'utf8'), jsonSchemaOf(DOCUMENTS.find((d) => d.file === 'license.schema.json')!));
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
  assert.deepEqual(schema.required, ['format', 'number', 'issued', 'expires', 'applicant', 'consignee', 'endUser', 'destination', 'items']);
  assert.equal(schema.additionalProperties, false);
  assert.equal(schema.properties.items.items.properties.eccn.pattern, '^[0-9][A-E][0-9]{3}(\\.[a-z0-9]+)*$');
});
