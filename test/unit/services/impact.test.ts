// Impact analysis on a real SQLite store: a test-signed as-written pack that lowers the LPP limit flips
// known cases (and a letter issued on one of them is listed for supersession); the same content under a
// newer version changes nothing; a candidate screening list that adds an end user's name is found; a
// refused candidate is refused as on import; cancelling stops early; nothing stored changes, and the CLI
// prints the same (text and --json).
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';

// A private copy of assets/ whose trust root also holds a throwaway test key (read before first use).
const ROOT = resolve(import.meta.dirname, '../../..');
const assets = mkdtempSync(join(tmpdir(), 'tierline-impact-assets-'));
const testKey = generateKeyPairSync('ed25519');
for (const entry of readdirSync(join(ROOT, 'assets'))) if (entry !== 'keys') symlinkSync(join(ROOT, 'assets', entry), join(assets, entry));
mkdirSync(join(assets, 'keys'));
cpSync(join(ROOT, 'assets', 'keys'), join(assets, 'keys'), { recursive: true });
writeFileSync(join(assets, 'keys', 'impact-test.pub.pem'), testKey.publicKey.export({ type: 'spki', format: 'pem' }).toString());
process.env.TIERLINE_ASSETS = assets;

const { openDatabaseOrThrow, insertLetter, nextLetterNumber, listPacks, latestDetermination } = await import('../../../main/core/db');
const { signPack } = await import('../../../main/core/rulepacks');
const { evaluateAndRecord } = await import('../../../main/core/services/evaluate');
const { installBuiltinPacks } = await import('../../../main/core/services/packs');
const { loadCandidate, runImpact } = await import('../../../main/core/services/impact');
const { importListFile } = await import('../../../main/core/screening/service');
const { builtinBodies } = await import('../../../scripts/build-packs');
const { runCli, tempDir } = await import('../../support/cli');
const { FULL_CSV } = await import('../../support/csl');

const FIXTURES = join(ROOT, 'test/fixtures/cases');
const fixture = (f: string): Record<string, unknown> & { items: Record<string, unknown>[]; endUser: Record<string, unknown> } => JSON.parse(readFileSync(join(FIXTURES, f), 'utf8'));
const BR = fixture('sc63-lpp-brazil-2026.json');
const brazil = (reference: string, name: string, units: number): Record<string, unknown> => ({ ...BR, reference, endUser: { ...BR.endUser, name }, items: [{ ...BR.items[0], quantity: units }] });

const [asWritten] = builtinBodies();
const bytes = (o: unknown): Uint8Array => Buffer.from(JSON.stringify(o));
/** The built-in as-written pack, one version newer, signed by the test key, with `edit` applied. */
function candidatePack(edit: (b: typeof asWritten) => void = () => {}): Record<string, unknown> {
  const body = structuredClone(asWritten);
  body.version = asWritten.version + 1;
  body.issued = '2026-12-01';
  edit(body);
  return signPack(body, testKey.privateKey) as unknown as Record<string, unknown>;
}
const lowerLpp = candidatePack((b) => {
  b.title = `${b.title} (LPP limit 10,000,000: test)`;
  b.parameters['lpp.capTppPerConsigneeYear'].versions = [{ from: '2022-10-07', to: null, value: 10_000_000 }];
});
const sameContent = candidatePack();

function storeCounts(db: ReturnType<typeof openDatabaseOrThrow>): Record<string, number> {
  const one = (sql: string): number => db.prepare(sql).pluck().get() as number;
  return {
    cases: one('SELECT count(*) FROM cases'),
    determinations: one('SELECT count(*) FROM determinations'),
    packs: one('SELECT count(*) FROM rule_packs'),
    letters: one("SELECT count(*) FROM letters WHERE status = 'issued'"),
    lists: one('SELECT count(*) FROM list_snapshots'),
    audit: one('SELECT max(seq) FROM audit_log'),
  };
}

describe('impact analysis', () => {
  const dir = tempDir();
  after(() => {
    dir.cleanup();
    rmSync(assets, { recursive: true, force: true });
  });
  const db = openDatabaseOrThrow(join(dir.path, 'tierline.sqlite'));
  after(() => db.close());
  installBuiltinPacks(db, 'test');
  const actor = 'test';
  const ids: Record<string, number> = {};
  const add = (key: string, doc: unknown): void => {
    const r = evaluateAndRecord(db, doc, { actor });
    assert.ok(r.ok, JSON.stringify(r));
    ids[key] = r.value.caseId;
  };
  // Two LPP cases under the 26.9M limit: 15.8M TPP (flips under a 10M limit) and 7.9M (stays LPP).
  add('big', brazil('IMP-1', 'Paulista Dados SA', 1000));
  add('small', brazil('IMP-2', 'Rio Compute Ltda', 500));
  add('germany', fixture('sc01-aia-germany.json'));
  add('china', fixture('sc65-h200-china-enforced.json'));
  const bigDet = latestDetermination(db, ids.big)!;
  assert.ok(insertLetter(db, { number: nextLetterNumber(db, 2026), caseId: ids.big, determinationId: bigDet.id, pdf: Buffer.from('%PDF-1.7 stand-in: impact reads only the letter row'), officer: 'Test Officer', issuedAt: '2026-10-02T09:00:00.000Z' }, { actor }).ok);

  test('a pack that lowers the LPP limit flips the known case, notes the cap of the other, lists the letter', async () => {
    const before = storeCounts(db);
    const cand = loadCandidate(db, { bytes: bytes(lowerLpp), fileName: 'as-written-v-next.json' });
    assert.ok(cand.ok, JSON.stringify(!cand.ok && cand.error));
    assert.equal(cand.value.kind, 'pack');
    const progress: number[] = [];
    const r = await runImpact(db, cand.value, { chunk: 1, onProgress: (p) => progress.push(p.done) });
    assert.equal(r.total, 4);
    assert.equal(r.scanned, 4);
    assert.equal(r.cancelled, false);
    assert.deepEqual(progress, [1, 2, 3, 4]);
    assert.equal(r.notInMode, 1, 'the enforced-only China case is not concerned by an as-written pack');
    const s = r.modes.as_written!;
    assert.equal(s.evaluated, 3);
    assert.equal(s.changedCases, 2);
    assert.equal(s.byKind.license_required, 1);
    assert.equal(s.byKind.authorization, 1);
    assert.equal(s.byKind.cap, 2);
    assert.equal(r.modes.enforced, undefined);

    const big = r.changes.find((c) => c.caseId === ids.big)!;
    assert.ok(big, 'the 15.8M TPP case changes');
    assert.equal(big.mode, 'as_written');
    assert.deepEqual(big.changes.find((c) => c.kind === 'license_required'), { kind: 'license_required', item: null, subject: null, before: 'no license required', after: 'license required' });
    assert.deepEqual(big.changes.find((c) => c.kind === 'authorization'), { kind: 'authorization', item: 0, subject: null, before: 'LPP', after: 'LICENSE' });
    assert.ok(big.changes.some((c) => c.kind === 'review_policy' && c.before === 'none'));
    const cap = big.changes.find((c) => c.kind === 'cap')!;
    assert.equal(cap.subject, 'auth.LPP.cap');
    assert.match(cap.before, /≤ 26,900,000\? → yes: within the LPP limit/);
    assert.match(cap.after, /≤ 10,000,000\? → no: over by 5,832,000 TPP/);

    const small = r.changes.find((c) => c.caseId === ids.small)!;
    assert.deepEqual(small.changes.map((c) => c.kind), ['cap'], 'the 7.9M case stays LPP; only its cap step reads differently');
    assert.ok(!r.changes.some((c) => c.caseId === ids.germany), 'the AIA case in Germany does not change');

    assert.equal(r.letters.length, 1);
    assert.equal(r.letters[0].caseId, ids.big);
    assert.match(r.letters[0].before, /^no license required: #1 LPP$/);
    assert.match(r.letters[0].after, /^license required: #1 LICENSE/);
    assert.equal(r.letters[0].alreadyDiffersUnderActive, false);
    assert.deepEqual(r.errors, []);
    assert.equal(r.sameRulesOnDate, 0, 'the new limit applies on every date: every case is evaluated again');
    assert.deepEqual(storeCounts(db), before, 'nothing stored changed: no pack, determination, letter change or audit row');
    assert.equal(listPacks(db, { id: asWritten.id })[0].version, asWritten.version, 'the candidate is not installed');
  });

  test('the same content under a newer version changes nothing', async () => {
    const cand = loadCandidate(db, { bytes: bytes(sameContent), fileName: 'same.json' });
    assert.ok(cand.ok);
    const r = await runImpact(db, cand.value);
    assert.equal(r.modes.as_written!.evaluated, 3);
    assert.equal(r.modes.as_written!.changedCases, 0);
    assert.deepEqual(r.changes, []);
    assert.deepEqual(r.letters, []);
    assert.equal(r.sameRulesOnDate, 2, 'the same rules on every date: only the case with a letter is evaluated again');
  });

  test('a change dated after the cases\' date changes none of them, and they are not evaluated again', async () => {
    const later = candidatePack((b) => {
      b.parameters['lpp.capTppPerConsigneeYear'].versions = [
        { from: '2022-10-07', to: '2026-10-31', value: 26_900_000 },
        { from: '2026-11-01', to: null, value: 10_000_000 },
      ];
    });
    const cand = loadCandidate(db, { bytes: bytes(later), fileName: 'later.json' });
    assert.ok(cand.ok, JSON.stringify(!cand.ok && cand.error));
    const r = await runImpact(db, cand.value);
    assert.equal(r.modes.as_written!.evaluated, 3);
    assert.deepEqual(r.changes, [], 'the Brazil cases are of 2026-10-01, before the new limit');
    assert.deepEqual(r.letters, []);
    assert.equal(r.sameRulesOnDate, 2, 'before 2026-11-01 the rules are the same: only the case with a letter is evaluated again');
  });

  test('a candidate is refused exactly as an import would refuse it, and nothing runs', () => {
    const tampered = JSON.stringify(lowerLpp).replace('10000000', '10000001');
    const t = loadCandidate(db, { bytes: Buffer.from(tampered), fileName: 'tampered.json' });
    assert.equal(!t.ok && t.error.code, 'BAD_SIGNATURE');
    const old = signPack({ ...structuredClone(asWritten), version: asWritten.version - 1 }, testKey.privateKey);
    const rb = loadCandidate(db, { bytes: bytes(old), fileName: 'old.json' });
    assert.equal(!rb.ok && rb.error.code, 'ROLLBACK');
    const stranger = generateKeyPairSync('ed25519');
    const u = loadCandidate(db, { bytes: bytes(signPack(structuredClone(asWritten), stranger.privateKey)), fileName: 'stranger.json' });
    assert.equal(!u.ok && u.error.code, 'UNKNOWN_KEY');
    const junk = loadCandidate(db, { bytes: Buffer.from('not a pack, not a list'), fileName: 'junk.txt' });
    assert.equal(!junk.ok && junk.error.code, 'INVALID_LIST');
  });

  test('cancel stops at the next step and says the figures are partial', async () => {
    const cand = loadCandidate(db, { bytes: bytes(lowerLpp), fileName: 'c.json' });
    assert.ok(cand.ok);
    const ac = new AbortController();
    const r = await runImpact(db, cand.value, { chunk: 1, signal: ac.signal, onProgress: (p) => p.done === 2 && ac.abort() });
    assert.equal(r.cancelled, true);
    assert.equal(r.scanned, 2);
    assert.equal(r.total, 4);
  });

  test('a candidate screening list: a new entry naming an end user is a new hit; the active list itself changes nothing', async () => {
    const csv = readFileSync(FULL_CSV, 'utf8');
    assert.ok(importListFile(db, { bytes: Buffer.from(csv), fileName: 'full-columns.csv', date: '2026-07-31' }, { actor }).ok);
    const same = loadCandidate(db, { bytes: Buffer.from(csv), fileName: 'consolidated-2026-08-31.csv' });
    assert.ok(same.ok);
    const r0 = await runImpact(db, same.value);
    assert.equal(r0.screening!.screened, 4);
    assert.deepEqual(r0.changes, []);

    const header = csv.split('\n')[0];
    const row = header.split(',').map((c) => ({ _id: 'fx-el-9999', source: 'Entity List (EL) - Bureau of Industry and Security', name: 'Rio Compute Ltda' })[c] ?? '').join(',');
    const before = storeCounts(db);
    const added = loadCandidate(db, { bytes: Buffer.from(`${csv.trimEnd()}\n${row}\n`), fileName: 'consolidated-2026-09-30.csv' });
    assert.ok(added.ok, JSON.stringify(!added.ok && added.error));
    assert.equal(added.value.ref.kind === 'list' && added.value.ref.date, '2026-09-30');
    const r = await runImpact(db, added.value);
    assert.equal(r.screening!.changedCases, 1);
    assert.equal(r.changes[0].caseId, ids.small);
    assert.equal(r.changes[0].changes[0].kind, 'screening');
    assert.equal(r.changes[0].changes[0].subject, 'EL:fx-el-9999');
    assert.equal(r.changes[0].changes[0].before, 'no hit');
    assert.match(r.changes[0].changes[0].after, /^(match|review) EL Rio Compute Ltda \(score 0\.\d\d\)$/);
    assert.deepEqual(storeCounts(db), before, 'the candidate list is not imported');
  });

  test('the CLI prints the same, as text and as one JSON document', async () => {
    const file = join(dir.path, 'candidate.json');
    writeFileSync(file, JSON.stringify(lowerLpp));
    const env = { TIERLINE_DATA_DIR: dir.path };
    db.close();
    const text = await runCli(['impact', file], env);
    assert.equal(text.code, 0, text.stderr.join('\n'));
    const out = text.stdout.join('\n');
    assert.match(out, new RegExp(`candidate: ${asWritten.id} v${asWritten.version + 1} \\(as_written\\)`));
    assert.match(out, /as_written: 2 of 3 case\(s\) change \(license required 1, authorization 1, review policy 1, tier 0, caps 2\)/);
    assert.match(out, /item 1 authorization: LPP {2}→ {2}LICENSE/);
    assert.match(out, /issued letters whose outcome would change \(to supersede\): 1\n {2}TL-2026-000001/);
    const json = await runCli(['impact', file, '--json'], env);
    assert.equal(json.code, 0);
    assert.equal(json.stdout.length, 1);
    const doc = JSON.parse(json.stdout[0]) as { format: string; modes: { as_written: { changedCases: number } } };
    assert.equal(doc.format, 'tierline.impact/1');
    assert.equal(doc.modes.as_written.changedCases, 2);
    const bad = await runCli(['impact', join(dir.path, 'missing.json')], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr[0], /missing\.json: cannot read: ENOENT/);
    writeFileSync(file, JSON.stringify(lowerLpp).replace('10000000', '10000001'));
    const refused = await runCli(['impact', file], env);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr[0], /BAD_SIGNATURE/);
  });
});
