// Child process of crash.test.ts and concurrency.test.ts: writes cases (several items each, one
// transaction per case) as fast as it can and prints "ack <reference>" after each commit, until it is
// killed or, when a count is given, until it has written that many.
import { writeSync } from 'node:fs';
import { canonicalJson } from '../../../shared/domain/canonical';
import { saveCase } from '../../../main/core/db/cases-repo';
import { sha256Hex } from '../../../main/core/db/hash';
import { openDatabaseOrThrow } from '../../../main/core/db/open';

const [file, prefix, countArg] = process.argv.slice(2);
const count = countArg ? Number(countArg) : Infinity;
const db = openDatabaseOrThrow(file);
writeSync(1, 'ready\n');
for (let n = 0; n < count; n++) {
  const reference = `${prefix}-${n}`;
  const doc = {
    format: 'tierline.case/1',
    reference,
    date: '2025-06-02',
    destination: 'DE',
    endUser: { name: `Consignee ${n % 17}`, headquarters: 'DE' },
    items: Array.from({ length: 3 + (n % 5) }, (_, i) => ({ kind: 'ic', eccn: '3A090.a', quantity: i + 1, tppPerUnit: 1000 + n })),
  };
  const r = saveCase(db, doc, sha256Hex(canonicalJson(doc)), { actor: 'crash-writer' });
  if (!r.ok) {
    writeSync(2, `write failed: ${JSON.stringify(r.error)}\n`);
    process.exit(1);
  }
  // Synchronous write: once the parent can read the ack, the commit has returned.
  writeSync(1, `ack ${reference}\n`);
}
