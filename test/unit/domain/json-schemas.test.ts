// docs/schemas/*.schema.json are generated from the zod schemas Tierline validates with (npm run schemas):
// a committed schema that differs from what the zod schemas produce fails here. The refinements zod cannot
// export (calendar dates, country codes, mapping field names) are expressed; every document accepts the
// "$schema" its editor puts at the top; and every schema is linked from the docs.
import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { MappingFile } from '../../../main/core/batch/mapping';
import { DOCUMENTS, SCHEMA_DIR, staleSchemas } from '../../../scripts/schemas';
import { Case } from '../../../shared/domain/case';
import { License } from '../../../shared/domain/license';
import { runCli, tempDir } from '../../support/cli';

const schema = (file: string) => JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8'));
const tmp = tempDir();
after(() => tmp.cleanup());

test('every committed schema is the one the zod schemas produce, and nothing else is in docs/schemas/', () => {
  assert.deepEqual(staleSchemas(), [], 'run npm run schemas');
  assert.deepEqual(readdirSync(SCHEMA_DIR).sort(), DOCUMENTS.map((d) => d.file).sort());
});

test('a schema edited by hand, or missing, is reported as stale', () => {
  for (const d of DOCUMENTS) copyFileSync(join(SCHEMA_DIR, d.file), join(tmp.path, d.file));
  assert.deepEqual(staleSchemas(tmp.path), []);
  const c = JSON.parse(readFileSync(join(tmp.path, 'case.schema.json'), 'utf8'));
  c.properties.items.maxItems = 5000;
  writeFileSync(join(tmp.path, 'case.schema.json'), `${JSON.stringify(c, null, 2)}\n`);
  writeFileSync(join(tmp.path, 'mapping.schema.json'), '');
  assert.deepEqual(staleSchemas(tmp.path), ['case.schema.json', 'mapping.schema.json']);
});

test('dates are YYYY-MM-DD calendar dates and countries the ISO codes Tierline knows', () => {
  const c = schema('case.schema.json');
  assert.equal(c.properties.date.format, 'date');
  const date = new RegExp(c.properties.date.pattern);
  for (const ok of ['2025-05-15', '2026-12-31']) assert.match(ok, date);
  for (const bad of ['2025-5-15', '2025-13-01', '2025-00-10', '2025-01-32', '15.05.2025']) assert.doesNotMatch(bad, date);
  assert.deepEqual(c.properties.destination, { $ref: '#/$defs/CountryCode' });
  assert.deepEqual(c.properties.endUser.properties.veu.properties.computeByCountryTpp.propertyNames, { $ref: '#/$defs/CountryCode' });
  const codes: string[] = c.$defs.CountryCode.enum;
  assert.ok(codes.includes('DE') && codes.includes('CN') && codes.includes('MO'));
  assert.ok(!codes.includes('XX') && !codes.includes('de'));
  assert.equal(c.additionalProperties, false);
  // the license (its own date and country schemas) and the pack carry the same
  const l = schema('license.schema.json');
  assert.equal(l.properties.issued.pattern, c.properties.date.pattern);
  assert.equal(l.properties.issued.description, 'date of issue');
  assert.deepEqual(l.$defs.CountryCode, c.$defs.CountryCode);
  assert.equal(schema('rulepack.schema.json').properties.coverageFrom.format, 'date');
  assert.equal(schema('determination.schema.json').properties.evaluations.items.properties.asOf.format, 'date');
  // a mapping names only fields an order line can carry
  const m = schema('mapping.schema.json');
  const fields = m.properties.columns.additionalProperties.anyOf[0].enum;
  assert.ok(fields.includes('endUser.headquarters') && fields.includes('quantity') && !fields.includes('items'));
});

test('every document accepts "$schema" at the top (and still refuses other unknown fields)', async () => {
  const example = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../fixtures/cases/sc01-aia-germany.json'), 'utf8'));
  const withRef = { $schema: '../docs/schemas/case.schema.json', ...example };
  assert.equal(Case.safeParse(withRef).success, true);
  assert.equal(Case.safeParse({ ...withRef, schema: 'x' }).success, false);
  assert.equal(MappingFile.safeParse({ $schema: 'mapping.schema.json', format: 'tierline.mapping/1', columns: { Qty: 'quantity' } }).success, true);
  const lic = License.safeParse({ $schema: 'x', format: 'tierline.license/1', number: 'D123456' });
  assert.ok(!lic.success && !lic.error.issues.some((i) => i.path[0] === '$schema'));
  for (const d of DOCUMENTS) if (d.file !== 'catalogue-entry.schema.json') assert.ok(schema(d.file).properties.$schema, d.file);
  // and through the command line: the case evaluates as it would without it
  const file = join(tmp.path, 'case.json');
  writeFileSync(file, JSON.stringify(withRef));
  const r = await runCli(['--data-dir', join(tmp.path, 'data'), 'evaluate', '--json', file]);
  assert.equal(r.code, 0, r.stderr.join('\n'));
  assert.equal(JSON.parse(r.stdout[0]).format, 'tierline.determination/1');
});

test('every schema is linked from the documentation', () => {
  const docsDir = resolve(import.meta.dirname, '../../../docs');
  const text = readdirSync(docsDir)
    .filter((f) => f.endsWith('.md'))
    .map((f) => readFileSync(join(docsDir, f), 'utf8'))
    .join('\n');
  for (const d of DOCUMENTS) assert.ok(text.includes(`(schemas/${d.file})`), `no link to schemas/${d.file} in docs/*.md`);
});
