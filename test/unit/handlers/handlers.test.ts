// The handlers over the real store (a SQLite file in a temp folder), through dispatch as the window
// calls them: answers match the contract, failures are Results with plain words and JSON paths.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { closeResources, dispatch, headlessPlatform, type HandlerContext } from '../../../main/core/handlers';
import type { Result } from '../../../shared/ipc/result';

const root = resolve(import.meta.dirname, '..', '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'tierline-handlers-'));
const logged: unknown[] = [];
const ctx: HandlerContext = { dataDir, actor: 'test', appVersion: '0', platform: headlessPlatform, today: () => '2026-11-26', logError: (_c, e) => logged.push(e), resources: new Map() };
after(() => {
  closeResources(ctx);
  rmSync(dataDir, { recursive: true, force: true });
});

const fixture = (name: string) => readFileSync(join(root, 'test', 'fixtures', 'cases', name), 'utf8');
async function call<T = unknown>(channel: string, payload: unknown): Promise<Result<T>> {
  return (await dispatch(channel, payload, ctx)) as Result<T>;
}
function value<T>(r: Result<T>): T {
  assert.ok(r.ok, JSON.stringify(r));
  return r.value;
}

test('a case file with errors is refused with every JSON path; nothing is stored', async () => {
  const r = await call('cases.import', { fileName: 'invalid-fields.json', text: fixture('invalid-fields.json') });
  assert.equal(r.ok, false);
  assert.ok(!r.ok);
  assert.equal(r.error.code, 'INVALID_INPUT');
  assert.match(r.error.message, /^invalid-fields\.json is not a valid tierline\.case\/1 file: \$\./);
  const paths = (r.error.details ?? []).map((d) => d.path);
  assert.ok(paths.includes('$.items[0].quantity'), paths.join());
  assert.ok(paths.includes('$.items[0].tppPerUnit'), paths.join());
  assert.ok(paths.includes('$.destinaton'), paths.join());
  const notJson = await call('cases.import', { fileName: 'x.json', text: '{"format":' });
  assert.ok(!notJson.ok && /x\.json is not valid JSON/.test(notJson.error.message));
  assert.equal(value(await call<{ total: number }>('cases.list', {})).total, 0);
});

test('import, evaluate, read back with hints; an edit makes the old determination not apply', async () => {
  const c = value(await call<{ id: number; status: string }>('cases.import', { fileName: 'sc01.json', text: fixture('sc01-aia-germany.json') }));
  assert.equal(c.status, 'draft');
  const d = value(await call<{ id: number; determination: { evaluations: { mode: string }[] }; hints: unknown[] }>('determinations.evaluate', { caseId: c.id }));
  assert.deepEqual(d.determination.evaluations.map((e) => e.mode).sort(), ['as_written']);
  const latest = value(await call<{ id: number; hints: unknown[] } | null>('determinations.latest', { caseId: c.id }));
  assert.equal(latest?.id, d.id);
  assert.deepEqual(latest?.hints, d.hints);
  const listed = value(await call<{ rows: { outcome: string; status: string }[] }>('cases.list', { outcome: 'no_license_required' }));
  assert.equal(listed.rows.length, 1);
  assert.equal(listed.rows[0].status, 'evaluated');

  const exported = value(await call<{ fileName: string; text: string }>('cases.export', { id: c.id }));
  const doc = JSON.parse(exported.text);
  doc.items[0].quantity = 16;
  value(await call('cases.update', { id: c.id, case: doc }));
  assert.equal(value(await call('determinations.latest', { caseId: c.id })), null);
  const again = await call('cases.create', { case: JSON.parse(exported.text) });
  assert.ok(again.ok, 'the original document is a different case now');
});

test('packs: list, parameters on a date, and a refused import says why', async () => {
  const packs = value(await call<{ id: string; version: number; active: boolean; builtIn: boolean }[]>('packs.list', {}));
  assert.equal(packs.length, 2);
  assert.ok(packs.every((p) => p.active && p.builtIn));
  const detail = value(await call<{ parameters: { key: string; value: string; citation: string }[] }>('packs.get', { id: packs[0].id, version: packs[0].version, asOf: '2025-06-02' }));
  assert.ok(detail.parameters.length > 10);
  assert.ok(detail.parameters.every((p) => p.citation.length > 0));
  const text = readFileSync(join(root, 'assets', 'rulepacks', `${packs[0].id}.json`), 'utf8');
  const bad = await call('packs.import', { fileName: 'edited.json', text: text.replace(/"version":\s*(\d+),/, (_m, v: string) => `"version": ${Number(v) + 1},`) });
  assert.ok(!bad.ok);
  assert.match(bad.error.message, /edited\.json was not installed/);
  const unsigned = await call('packs.import', { fileName: 'unsigned.json', text: '{"format":"tierline.rulepack/1"}' });
  assert.ok(!unsigned.ok && unsigned.error.code === 'INVALID_INPUT');
});

test('letters need an identity and the right passphrase; garbage PDFs are INVALID, not errors', async () => {
  const c = value(await call<{ id: number }>('cases.import', { fileName: 'sc63.json', text: fixture('sc63-lpp-brazil-2026.json') }));
  const d = value(await call<{ id: number }>('determinations.evaluate', { caseId: c.id }));
  const none = await call('letters.issue', { determinationId: d.id, officerName: 'A. Officer', passphrase: 'whatever1' });
  assert.ok(!none.ok && none.error.code === 'UNAVAILABLE' && /Settings/.test(none.error.message));
  const weak = await call('identity.create', { office: 'Test Office', passphrase: 'short' });
  assert.ok(!weak.ok && weak.error.path === '$.passphrase');
  value(await call('identity.create', { office: 'Test Office', passphrase: 'long enough passphrase' }));
  const trust = value(await call<{ own: boolean }[]>('trust.list', {}));
  assert.deepEqual(trust.map((t) => t.own), [true]);
  const wrong = await call('letters.issue', { determinationId: d.id, officerName: 'A. Officer', passphrase: 'not the passphrase' });
  assert.ok(!wrong.ok && wrong.error.path === '$.passphrase');
  const issued = value(await call<{ letter: { id: number; number: string; status: string }; pdfBase64: string }>('letters.issue', { determinationId: d.id, officerName: 'A. Officer', passphrase: 'long enough passphrase' }));
  assert.equal(issued.letter.status, 'issued');
  const ok1 = value(await call<{ valid: boolean; registerStatus: string }>('letters.verify', { pdfBase64: issued.pdfBase64 }));
  assert.deepEqual([ok1.valid, ok1.registerStatus], [true, 'issued']);
  const junk = value(await call<{ valid: boolean; reason: string }>('letters.verify', { pdfBase64: Buffer.from('%PDF-1.7 nothing here').toString('base64') }));
  assert.equal(junk.valid, false);
  assert.ok(junk.reason.length > 10);
  const replaced = value(await call<{ letter: { number: string } }>('letters.supersede', { id: issued.letter.id, determinationId: d.id, officerName: 'B. Officer', passphrase: 'long enough passphrase' }));
  assert.notEqual(replaced.letter.number, issued.letter.number);
  const old = value(await call<{ valid: boolean; reason: string; registerStatus: string; outcome: string; decided: { destination: string; modes: { mode: string; verdict: { authorization: string } }[] } | null }>('letters.verify', { pdfBase64: issued.pdfBase64 }));
  assert.deepEqual([old.valid, old.registerStatus], [false, 'superseded']);
  // Superseded but genuine: it still says what it decided (from its own records); junk says nothing.
  assert.equal(old.outcome, 'SUPERSEDED');
  assert.equal(old.decided?.destination, 'BR');
  assert.deepEqual(old.decided?.modes.map((m) => [m.mode, m.verdict.authorization]), [['as_written', 'LPP']]);
  assert.equal((junk as { decided?: unknown }).decided, null);
  const register = value(await call<{ status: string }[]>('letters.list', {}));
  assert.deepEqual(register.map((l) => l.status), ['issued', 'superseded']);
});

test('letters on A4 or US Letter: the page size reaches the PDF; another size is refused by name', async () => {
  const c = value(await call<{ id: number }>('cases.import', { fileName: 'sc01b.json', text: fixture('sc01-aia-germany.json') }));
  const d = value(await call<{ id: number }>('determinations.evaluate', { caseId: c.id }));
  const pageOf = (b64: string) => {
    const file = join(dataDir, `page-${Math.random().toString(36).slice(2)}.pdf`);
    writeFileSync(file, Buffer.from(b64, 'base64'));
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)?.slice(1, 3).map(Number);
  };
  const letter = value(await call<{ pdfBase64: string }>('letters.issue', { determinationId: d.id, officerName: 'A. Officer', passphrase: 'long enough passphrase', pageSize: 'Letter' }));
  assert.deepEqual(pageOf(letter.pdfBase64), [612, 792]);
  const a4 = value(await call<{ pdfBase64: string }>('letters.preview', { determinationId: d.id, pageSize: 'A4' }));
  assert.deepEqual(pageOf(a4.pdfBase64)?.map(Math.round), [595, 842]);
  const usDraft = value(await call<{ pdfBase64: string }>('letters.preview', { determinationId: d.id, pageSize: 'LETTER' }));
  assert.deepEqual(pageOf(usDraft.pdfBase64), [612, 792]);
  const bad = await call('letters.preview', { determinationId: d.id, pageSize: 'B5' });
  assert.ok(!bad.ok && bad.error.code === 'INVALID_INPUT');
  assert.ok(!bad.ok && (bad.error.path === '$.pageSize' || (bad.error.details ?? []).some((x) => x.path === '$.pageSize')), JSON.stringify(bad));
});

test('the audit log pages newest first and its chain verifies', async () => {
  const page = value(await call<{ total: number; entries: { seq: number }[] }>('audit.list', { offset: 0, limit: 3 }));
  assert.ok(page.total >= 8);
  assert.deepEqual(page.entries.map((e) => e.seq), [page.total, page.total - 1, page.total - 2]);
  const next = value(await call<{ entries: { seq: number }[] }>('audit.list', { offset: 3, limit: 1 }));
  assert.deepEqual(next.entries.map((e) => e.seq), [page.total - 3]);
  const chain = value(await call<{ ok: boolean; checked: number }>('audit.verify', {}));
  assert.deepEqual([chain.ok, chain.checked], [true, page.total]);
  assert.deepEqual(logged, []);
});

test('preferences: none until chosen, kept in the data folder, an unreadable file is the defaults', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tierline-prefs-'));
  const own: HandlerContext = { ...ctx, dataDir: dir, resources: new Map() };
  try {
    assert.deepEqual(await dispatch('preferences.get', {}, own), { ok: true, value: { letterPageSize: null } });
    assert.deepEqual(await dispatch('preferences.set', { letterPageSize: 'LETTER' }, own), { ok: true, value: { letterPageSize: 'LETTER' } });
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'preferences.json'), 'utf8')), { letterPageSize: 'LETTER' });
    assert.deepEqual(await dispatch('preferences.set', {}, own), { ok: true, value: { letterPageSize: 'LETTER' } }, 'fields not given stay');
    const bad = await dispatch('preferences.set', { letterPageSize: 'A3' }, own);
    assert.ok(!bad.ok && bad.error.code === 'INVALID_INPUT' && bad.error.path === '$.letterPageSize', JSON.stringify(bad));
    writeFileSync(join(dir, 'preferences.json'), '{"letterPageSize": "A3"');
    assert.deepEqual(await dispatch('preferences.get', {}, own), { ok: true, value: { letterPageSize: null } });
  } finally {
    closeResources(own);
    rmSync(dir, { recursive: true, force: true });
  }
});
