// Review candidates and the officer's decisions, on the whole real list in a real SQLite file: a review
// candidate blocks the letter; confirm/clear need a reason, are audited and re-evaluate the case; a decision
// is remembered for the same party and entry in later cases, until the list changes that entry; the letter
// shows the screening result, the list's date and hash, and each decision.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { getCase, latestDetermination, listAudit, listScreeningDecisions, openDatabaseOrThrow, type Db } from '../../../main/core/db';
import { ensureIdentity } from '../../../main/core/identity';
import { issueLetter } from '../../../main/core/letters';
import { evaluateAndRecord } from '../../../main/core/services/evaluate';
import { installBuiltinPacks } from '../../../main/core/services/packs';
import { caseCandidates, decideScreening } from '../../../main/core/services/screening-decisions';
import { importListFile, screenNames } from '../../../main/core/screening/service';
import { runCli, tempDir } from '../../support/cli';
import { realCsvBytes, REAL_CSV_GZ } from '../../support/csl';
import { OFFICE, PASSPHRASE, TEST_KDF, TEST_NOW } from '../letters/fixtures';

const AS = { actor: 'test' };

// The end user is headquartered in Singapore: the listed Sugon is in China, so the country lowers the
// score, which keeps these loose spellings at "review" rather than "match".
function chinaCase(name: string, date = '2026-02-01', parties?: unknown[]): Record<string, unknown> {
  return {
    format: 'tierline.case/1',
    date,
    destination: 'CN',
    endUser: { name, type: 'commercial', headquarters: 'SG' },
    items: [{ description: 'NVIDIA H200 SXM', kind: 'ic', eccn: '3A090.a', quantity: 10, tppPerUnit: 15832, performanceDensity: 19.45, dieAreaMm2: 814, datacenter: true, approvedDesigner: true }],
    ...(parties ? { parties } : {}),
  };
}

describe('screening review and decisions (real list)', () => {
  const dir = tempDir();
  after(() => dir.cleanup());
  const data = join(dir.path, 'data');
  let db: Db;

  before(() => {
    db = openDatabaseOrThrow(join(data, 'tierline.sqlite'));
    installBuiltinPacks(db, 'test');
    const r = importListFile(db, { bytes: readFileSync(REAL_CSV_GZ), fileName: 'consolidated-2026-07-31.csv.gz' }, AS);
    assert.ok(r.ok);
  });
  after(() => {
    if (db.open) db.close();
  });

  test('a review candidate blocks the letter until the officer decides; clearing needs a reason, is audited, and re-evaluates', () => {
    const ev = evaluateAndRecord(db, chinaCase('Sugon Information'), AS);
    assert.ok(ev.ok);
    const d = ev.value.determination;
    assert.equal(d.screening?.status, 'needs_review');
    const cands = caseCandidates(d);
    assert.deepEqual(cands.map((c) => [c.ref, c.candidate.list, c.candidate.name, c.candidate.decision]), [['1.1', 'EL', 'Sugon', 'review']]);
    assert.ok(d.evaluations.every((e) => e.warnings.some((w) => /Screening needs review/.test(w))));
    // a review is not binding: the Entity List did not decide the items
    assert.ok(d.evaluations.every((e) => e.items.every((i) => !i.trace.some((s) => s.rule === 'screening.entity_list'))));

    const id = ensureIdentity(db, { passphrase: PASSPHRASE, office: OFFICE, actor: 'test', kdf: TEST_KDF, now: TEST_NOW }).identity;
    const c = getCase(db, ev.value.caseId)!;
    const blocked = issueLetter(db, { caseId: c.id, determinationId: ev.value.determinationId, caseDocument: c.document, determination: d, identity: id, officer: 'J. Officer' }, AS);
    assert.equal(blocked.ok, false);
    assert.equal(!blocked.ok && blocked.error.code, 'SCREENING_REVIEW');
    assert.match(!blocked.ok ? blocked.error.message : '', /Sugon Information ~ EL "Sugon"/);

    const entry = cands[0].candidate;
    const noReason = decideScreening(db, { caseId: c.id, decisions: [{ party: 'Sugon Information', list: 'EL', entryId: entry.entryId, verdict: 'cleared', reason: ' ' }] }, { actor: 'J. Officer' });
    assert.equal(noReason.ok, false);
    assert.equal(!noReason.ok && noReason.error.path, '$.decisions[0].reason');
    const wrong = decideScreening(db, { caseId: c.id, decisions: [{ party: 'Sugon Information', list: 'EL', entryId: 'nope', verdict: 'cleared', reason: 'not it' }] }, { actor: 'J. Officer' });
    assert.equal(!wrong.ok && wrong.error.path, '$.decisions[0].entryId');
    assert.equal(listScreeningDecisions(db).length, 0, 'a refused decision stores nothing');

    const ok = decideScreening(db, { caseId: c.id, decisions: [{ party: 'Sugon Information', list: 'EL', entryId: entry.entryId, verdict: 'cleared', reason: 'Sugon Information Systems Ltd of Shenzhen, registration 91440300, is not Dawning/Sugon' }] }, { actor: 'J. Officer' });
    assert.ok(ok.ok, JSON.stringify(!ok.ok && ok.error));
    assert.equal(ok.value.determination.screening?.status, 'clear');
    assert.equal(ok.value.determination.screening?.parties[0].candidates[0].officer?.verdict, 'cleared');
    assert.equal(ok.value.determination.screening?.parties[0].candidates[0].officer?.by, 'J. Officer');
    assert.equal(latestDetermination(db, c.id)?.id, ok.value.determinationId);
    const audit = listAudit(db, { action: 'screening.decided' });
    assert.equal(audit.length, 1);
    assert.equal(audit[0].actor, 'J. Officer');
    assert.match(String(audit[0].details.reason), /is not Dawning/);

    // now the letter issues, and shows the screening result, the list's date and hash, and the decision
    const letter = issueLetter(db, { caseId: c.id, determinationId: ok.value.determinationId, caseDocument: c.document, determination: ok.value.determination, identity: id, officer: 'J. Officer' }, AS);
    assert.ok(letter.ok, JSON.stringify(!letter.ok && letter.error));
    const pdf = join(dir.path, 'letter.pdf');
    writeFileSync(pdf, letter.value.pdf);
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    assert.match(text, /RESTRICTED-PARTY SCREENING/);
    assert.match(text, /Consolidated Screening List of July 31, 2026|Consolidated Screening List of 31 July 2026/);
    assert.ok(text.includes(ok.value.determination.screening!.list!.sha256.slice(0, 32)), 'the list hash is on the letter');
    assert.match(text, /Cleared by J\. Officer/);
  });

  test('the decision is remembered for the same party and entry in a later case', () => {
    const ev = evaluateAndRecord(db, chinaCase('Sugon Information', '2026-03-01'), AS);
    assert.ok(ev.ok);
    assert.equal(ev.value.determination.screening?.status, 'clear');
    assert.equal(ev.value.determination.screening?.parties[0].candidates[0].officer?.verdict, 'cleared');
    // another party with a review candidate for the same entry is not covered by it
    const other = screenNames(db, [{ name: 'Shuguang Technology' }]);
    assert.equal(other.results[0].matches[0].officer, null);
  });

  test('confirming a review candidate makes it bind: Entity List license', () => {
    const ev = evaluateAndRecord(db, chinaCase('Hangzhou Example Cloud Co', '2026-02-01', [{ role: 'purchaser', name: 'Shuguang Technology', country: 'SG' }]), AS);
    assert.ok(ev.ok);
    const s = ev.value.determination.screening!;
    assert.equal(s.status, 'needs_review');
    const cand = s.parties[1].candidates[0];
    const r = decideScreening(db, { caseId: ev.value.caseId, decisions: [{ party: 'Shuguang Technology', list: 'EL', entryId: cand.entryId, verdict: 'confirmed', reason: 'Shuguang is the pinyin of Sugon; same address in Tianjin' }] }, { actor: 'J. Officer' });
    assert.ok(r.ok);
    assert.equal(r.value.determination.screening?.status, 'listed');
    assert.ok(r.value.determination.evaluations.every((e) => e.items.every((i) => i.authorization === 'LICENSE' && i.trace.some((t) => t.rule === 'screening.entity_list' && /confirmed by J\. Officer/.test(t.test)))));
  });

  test('CLI: tierline screening show / decide', async () => {
    db.close();
    const file = join(dir.path, 'case.json');
    writeFileSync(file, JSON.stringify(chinaCase('Shuguang Tech', '2026-04-01')));
    const e = await runCli(['evaluate', '--data-dir', data, file]);
    assert.equal(e.code, 0, e.stderr.join('\n'));
    const caseId = Number(/\(case (\d+)\)/.exec(e.stdout[0])?.[1]);
    assert.match(e.stdout.join('\n'), /screening: needs review \(list of 2026-07-31, sha256 [0-9a-f]{12}\)/);
    const show = await runCli(['screening', 'show', String(caseId), '--data-dir', data]);
    assert.equal(show.code, 0, show.stderr.join('\n'));
    assert.match(show.stdout.join('\n'), /screening needs review/);
    assert.match(show.stdout.join('\n'), /1\.1 {2}REVIEW .* EL {5}Sugon .* UNDECIDED/);
    const bad = await runCli(['screening', 'decide', String(caseId), '--candidate', '1.1', '--clear', '--data-dir', data]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr.join('\n'), /--reason/);
    const nobody = await runCli(['screening', 'decide', String(caseId), '--candidate', '1.1', '--clear', '--reason', 'not it', '--data-dir', data]);
    assert.equal(nobody.code, 2, 'a decision without an officer (the login name is never used)');
    assert.match(nobody.stderr.join('\n'), /--officer/);
    const missing = await runCli(['screening', 'decide', String(caseId), '--candidate', '9.9', '--clear', '--reason', 'not it', '--officer', 'A. Officer', '--data-dir', data]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr.join('\n'), /has no candidate 9\.9 \(it has 1\.1\)/);
    const dec = await runCli(['screening', 'decide', String(caseId), '--candidate', '1.1', '--confirm', '--reason', 'pinyin of Sugon, same address', '--officer', 'A. Officer', '--data-dir', data]);
    assert.equal(dec.code, 0, dec.stderr.join('\n'));
    assert.match(dec.stdout.join('\n'), /recorded: "Shuguang Tech" ~ EL .*: confirmed/);
    assert.match(dec.stdout.join('\n'), /screening listed/);
    const json = await runCli(['screening', 'show', String(caseId), '--json', '--data-dir', data]);
    const parsed = JSON.parse(json.stdout[0]);
    assert.equal(parsed.screening.parties[0].candidates[0].officer.by, 'A. Officer');
  });
});

describe('a decision lapses when the list changes the entry', () => {
  const dir = tempDir();
  after(() => dir.cleanup());

  test('same entry id, new content in a later list: the earlier decision no longer applies', () => {
    const lines = realCsvBytes().toString('utf8').split('\n');
    const header = lines[0];
    const sugon = lines.find((l) => /,Sugon,/.test(l) && /Entity List/.test(l));
    assert.ok(sugon, 'the Sugon row of the real list');
    const v1 = join(dir.path, 'csl-2026-07-31.csv');
    writeFileSync(v1, `${header}\n${sugon}\n`);
    const v2 = join(dir.path, 'csl-2026-08-15.csv');
    // the same entry, amended by a later notice (its federal_register_notice column gains one)
    writeFileSync(v2, `${header}\n${sugon.replace('87 FR 62202', '87 FR 62202; 91 FR 12345')}\n`);

    const db = openDatabaseOrThrow(join(dir.path, 'lapse.sqlite'));
    installBuiltinPacks(db, 'test');
    assert.ok(importListFile(db, { bytes: readFileSync(v1), fileName: v1 }, AS).ok);
    const ev = evaluateAndRecord(db, chinaCase('Sugon Information'), { ...AS, today: '2026-08-01' });
    assert.ok(ev.ok);
    const cand = ev.value.determination.screening!.parties[0].candidates[0];
    assert.ok(decideScreening(db, { caseId: ev.value.caseId, decisions: [{ party: 'Sugon Information', list: 'EL', entryId: cand.entryId, verdict: 'cleared', reason: 'a different company' }] }, { actor: 'J. Officer', today: '2026-08-01' }).ok);
    assert.equal(screenNames(db, [{ name: 'Sugon Information' }], { today: '2026-08-01' }).results[0].matches[0].officer?.verdict, 'cleared');

    const imported = importListFile(db, { bytes: readFileSync(v2), fileName: v2 }, AS);
    assert.ok(imported.ok, JSON.stringify(!imported.ok && imported.error));
    const after2 = screenNames(db, [{ name: 'Sugon Information' }], { today: '2026-08-16' }).results[0].matches[0];
    assert.equal(after2.entryId, cand.entryId, 'the same entry');
    assert.notEqual(after2.entrySha256, cand.entrySha256, 'with new content');
    assert.equal(after2.officer, null, 'so the decision must be made again');
    db.close();
  });
});
