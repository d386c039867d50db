// Writes docs/schemas/*.schema.json, the JSON Schemas of every interchange document, from the zod schemas
// that Tierline itself validates with, so the published schemas cannot drift from what is accepted.
// `npm run schemas` writes them; `--check` exits 1 naming every file that differs (the unit test
// test/unit/domain/json-schemas.test.ts does the same).
//
// zod's toJSONSchema leaves `.refine()` checks out, so the two refinements every document uses are
// written here: a calendar date is `format: date` with a YYYY-MM-DD pattern, and a country is one of the
// ISO 3166-1 alpha-2 codes Tierline knows (`$defs/CountryCode`, an enum); a mapping's field names are
// the enum of the fields an order line can carry.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LINE_FIELDS, MappingField, MappingFile } from '../main/core/batch/mapping';
import { Case, CountryCodeSchema } from '../shared/domain/case';
import { COUNTRY_NAMES } from '../shared/domain/countries';
import { IsoDate } from '../shared/domain/dates';
import { Determination } from '../shared/domain/determination';
import { License, LicenseCountry, LicenseDay } from '../shared/domain/license';
import { ProductInput } from '../shared/domain/product';
import { SignedRulePack } from '../shared/domain/rulepack';

export const SCHEMA_DIR = join(import.meta.dirname, '..', 'docs', 'schemas');
const BASE = 'https://tierline.invalid/schemas/';

interface Doc {
  file: string;
  schema: z.ZodType;
  title: string;
  description: string;
}

/** Every interchange document, with the file its schema is written to. */
export const DOCUMENTS: readonly Doc[] = [
  { file: 'case.schema.json', schema: Case, title: 'Tierline case (tierline.case/1)', description: 'One export, reexport, transfer or release to evaluate (docs/case-format.md)' },
  { file: 'determination.schema.json', schema: Determination, title: 'Tierline determination (tierline.determination/1)', description: 'What tierline evaluate --json prints and what a letter embeds (docs/case-format.md)' },
  { file: 'rulepack.schema.json', schema: SignedRulePack, title: 'Tierline rule pack (tierline.rulepack/1)', description: 'A signed set of dated parameters of one regime (docs/rule-packs.md)' },
  { file: 'license.schema.json', schema: License, title: 'Tierline license (tierline.license/1)', description: 'A license granted by BIS, kept so that shipments under LICENSE draw it down (docs/licenses.md)' },
  { file: 'mapping.schema.json', schema: MappingFile, title: 'Tierline order-book mapping (tierline.mapping/1)', description: 'Which column of an order book feeds which case field (tierline batch --map, docs/batch.md)' },
  { file: 'catalogue-entry.schema.json', schema: ProductInput, title: 'Tierline catalogue entry', description: 'The values of one product of the catalogue: one row of the catalogue CSV, whose ics column holds this JSON list (docs/case-format.md, items[].partNumber)' },
];

const DATE = { type: 'string', format: 'date', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' } as const;
const COUNTRY_REF = '#/$defs/CountryCode';

function replace(target: Record<string, unknown>, by: Record<string, unknown>): void {
  const description = target.description;
  for (const k of Object.keys(target)) delete target[k];
  Object.assign(target, by, description === undefined ? {} : { description });
}

export function jsonSchemaOf(doc: Doc): string {
  let usesCountry = false;
  const schema = z.toJSONSchema(doc.schema, {
    target: 'draft-2020-12',
    io: 'input',
    override: (ctx) => {
      const js = ctx.jsonSchema as Record<string, unknown>;
      // .meta() clones a schema but keeps its definition: compare definitions, not instances
      const def = ctx.zodSchema._zod.def;
      if (def === IsoDate._zod.def || def === LicenseDay._zod.def) replace(js, { ...DATE });
      if (def === CountryCodeSchema._zod.def || def === LicenseCountry._zod.def) {
        usesCountry = true;
        replace(js, { $ref: COUNTRY_REF });
      }
      if (def === MappingField._zod.def) replace(js, { type: 'string', enum: LINE_FIELDS.map((f) => f.field) });
    },
  }) as Record<string, unknown>;
  const { $schema, $defs, ...rest } = schema;
  const defs: Record<string, unknown> = { ...(($defs as Record<string, unknown>) ?? {}) };
  if (usesCountry) defs.CountryCode = { type: 'string', description: 'ISO 3166-1 alpha-2 country code, upper case', enum: Object.keys(COUNTRY_NAMES).sort() };
  const out = { $schema, $id: `${BASE}${doc.file}`, title: doc.title, description: doc.description, ...rest, ...(Object.keys(defs).length ? { $defs: defs } : {}) };
  // zod names a recursive schema (a rule pack's parameter value) __schema0: say what it is
  return `${JSON.stringify(out, null, 2).replaceAll('__schema0', 'JsonValue')}\n`;
}

/** The files that differ from what the zod schemas produce (empty when all are current). */
export function staleSchemas(dir = SCHEMA_DIR): string[] {
  return DOCUMENTS.filter((d) => {
    try {
      return readFileSync(join(dir, d.file), 'utf8') !== jsonSchemaOf(d);
    } catch {
      return true;
    }
  }).map((d) => d.file);
}

if (process.argv[1] && process.argv[1].endsWith('schemas.ts')) {
  if (process.argv.includes('--check')) {
    const stale = staleSchemas();
    if (stale.length) {
      console.error(`out of date in docs/schemas/: ${stale.join(', ')} (run npm run schemas)`);
      process.exit(1);
    }
  } else {
    for (const d of DOCUMENTS) writeFileSync(join(SCHEMA_DIR, d.file), jsonSchemaOf(d));
    console.log(`wrote ${DOCUMENTS.length} schemas to docs/schemas/`);
  }
}
