// Writes docs/schemas/license.schema.json from the one zod schema of the license format, so the
// documentation cannot drift from what `tierline licenses add` accepts. `--check` fails when it differs.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { License } from '../shared/domain/license';

export const SCHEMA_FILE = join(import.meta.dirname, '..', 'docs', 'schemas', 'license.schema.json');

export function licenseJsonSchema(): string {
  const schema = z.toJSONSchema(License, { target: 'draft-2020-12', io: 'input' });
  return `${JSON.stringify({ $id: 'https://tierline.invalid/schemas/license.schema.json', ...schema }, null, 2)}\n`;
}

if (process.argv[1] && process.argv[1].endsWith('license-schema.ts')) {
  const text = licenseJsonSchema();
  if (process.argv.includes('--check')) {
    if (readFileSync(SCHEMA_FILE, 'utf8') !== text) {
      console.error(`${SCHEMA_FILE} is out of date: run npm run schemas:license`);
      process.exit(1);
    }
  } else writeFileSync(SCHEMA_FILE, text);
}
