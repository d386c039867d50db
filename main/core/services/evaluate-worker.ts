// Worker thread of the evaluator pool: validates, canonicalizes, reads the ledger (read-only connection)
// and evaluates cases, returning the determination already serialized, so that the main thread only
// writes rows.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { canonicalJson } from '../../../shared/domain/canonical';
import { evaluateCase, type LedgerShipment, type PackSet } from '../../../shared/engine';
import { cacheStatements } from '../db/open';
import { sha256Hex } from '../db/hash';
import { ledgerFor } from '../db/shipments-repo';
import { summarizeDetermination } from '../db/determinations-repo';
import { loadTrustRoot, verifyPackText } from '../rulepacks';
import { validateCaseDocument } from './evaluate';
import type { PoolRequest, PoolResponse, PoolResult, PoolWorkerData } from './evaluate-pool';

const data = workerData as PoolWorkerData;
const trust = loadTrustRoot(data.trustDir);
const packs = {} as PackSet;
for (const text of data.packTexts) {
  const v = verifyPackText(text, { trust });
  if (!v.ok) throw new Error(`evaluator worker: pack refused: ${v.error.message}`);
  packs[v.pack.body.mode] = v.pack;
}
const db = data.dbFile ? new Database(data.dbFile, { readonly: true, fileMustExist: true }) : null;
if (db) cacheStatements(db);
const NO_LEDGER: LedgerShipment[] = [];

parentPort!.on('message', (req: PoolRequest) => {
  const results: PoolResult[] = req.docs.map((raw) => {
    const v = validateCaseDocument(raw);
    if (!v.ok) return { ok: false, errors: v.errors };
    const c = v.value;
    const text = canonicalJson(raw);
    const sha = sha256Hex(text);
    const ledger = db ? ledgerFor(db, { consignee: c.endUser.name, destination: c.destination, asOf: c.date }) : NO_LEDGER;
    const { determination } = evaluateCase({ case: c, caseSha256: sha, packs, ledger, hints: false });
    return { ok: true, doc: c, text, sha, detText: JSON.stringify(determination), facts: summarizeDetermination(determination) };
  });
  const res: PoolResponse = { id: req.id, results };
  parentPort!.postMessage(res);
});
