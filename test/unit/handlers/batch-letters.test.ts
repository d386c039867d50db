// batch.letters through dispatch on a real store: an order book evaluated and screened against the small
// list fixture (one customer clear, one a review candidate, one on the Denied Persons List, one not
// controlled), then letters for the selected lines. No identity, or a wrong passphrase, answers at once and
// stores nothing (no letter, no audit entry); the right one issues a letter per distinct determination
// and skips the review and PROHIBITED lines with their reasons; a second run skips the lines that now
// have a letter. Each issued letter verifies as VALID against the register.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeResources, dispatch, headlessPlatform, type HandlerContext } from '../../../main/core/handlers';
import { storeOf } from '../../../main/core/handlers/store';
import type { BatchLettersStatus, BatchResultLine, ChannelOutput } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import { LETTERS_BOOK } from '../../support/batch-book';
import { FULL_CSV } from '../../support/csl';

const dataDir = mkdtempSync(join(tmpdir(), 'tierline-batch-letters-'));
const ctx: HandlerContext = { dataDir, actor: 'J. Officer', appVersion: '0', platform: headlessPlatform, today: () => '2026-08-10', logError: () => {}, resources: new Map() };
after(() => {
  closeResources(ctx);
  rmSync(dataDir, { recursive: true, force: true });
});

async function call<T = unknown>(channel: string, payload: unknown): Promise<Result<T>> {
  return (await dispatch(channel, payload, ctx)) as Result<T>;
}
function value<T>(r: Result<T>): T {
  assert.ok(r.ok, JSON.stringify(r));
  return r.value;
}
const count = (sql: string) => storeOf(ctx).prepare(sql).pluck().get() as number;
const counts = () => ({ letters: count('SELECT count(*) FROM letters'), audit: count('SELECT count(*) FROM audit_log') });

const BOOK = LETTERS_BOOK;
const PASSPHRASE = 'a long pass phrase';

async function waitDone(jobId: number): Promise<BatchLettersStatus> {
  for (let i = 0; i < 600; i++) {
    const s = value(await call<BatchLettersStatus>('batch.lettersStatus', { jobId }));
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail('the letters did not finish in 30 s');
}

describe('batch.letters', () => {
  let lines: BatchResultLine[];
  const det = (ref: string) => lines.find((l) => l.reference === ref)!.determinationId!;

  before(async () => {
    value(await call('lists.import', { fileName: 'consolidated-2026-07-31.csv', base64: readFileSync(FULL_CSV).toString('base64') }));
    const base64 = Buffer.from(BOOK).toString('base64');
    const plan = value(await call<ChannelOutput<'batch.plan'>>('batch.plan', { fileName: 'orders.csv', base64 }));
    const columns = Object.fromEntries(plan.columns.map((c) => [c.header, c.field]));
    const job = value(await call<ChannelOutput<'batch.start'>>('batch.start', { fileName: 'orders.csv', base64, columns }));
    for (let s = job; s.state === 'running'; s = value(await call<ChannelOutput<'batch.status'>>('batch.status', { jobId: job.jobId }))) await new Promise((r) => setTimeout(r, 50));
    lines = value(await call<ChannelOutput<'batch.results'>>('batch.results', { jobId: job.jobId })).lines;
    assert.deepEqual(
      lines.map((l) => [l.reference, l.screening, l.authorizationEnforced]),
      [
        ['SO-1', 'clear', 'NLR'],
        ['SO-1', 'clear', 'NLR'],
        ['SO-2', 'needs review', 'NLR'],
        ['SO-3', 'listed', 'PROHIBITED'],
        ['SO-4', 'clear', 'NOT_CONTROLLED'],
      ],
    );
  });

  test('without a signing identity, or with a wrong passphrase: refused at once, nothing stored', async () => {
    const all = lines.map((l) => l.determinationId!);
    const before0 = counts();
    const none = await call('batch.letters', { determinationIds: all, officerName: 'J. Officer', passphrase: PASSPHRASE });
    assert.ok(!none.ok);
    assert.equal(none.error.code, 'UNAVAILABLE');
    assert.match(none.error.message, /no signing identity/);
    assert.deepEqual(counts(), before0);

    value(await call('identity.create', { office: 'Export Office', passphrase: PASSPHRASE }));
    const before1 = counts();
    const wrong = await call('batch.letters', { determinationIds: all, officerName: 'J. Officer', passphrase: 'not the pass phrase' });
    assert.ok(!wrong.ok);
    assert.equal(wrong.error.code, 'INVALID_INPUT');
    assert.equal(wrong.error.path, '$.passphrase');
    assert.match(wrong.error.message, /does not unlock the signing key/);
    // Give a background job, were one started by mistake, time to write.
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(counts(), before1, 'no letter and no audit entry');

    const empty = await call('batch.letters', { determinationIds: [], officerName: 'J. Officer', passphrase: PASSPHRASE });
    assert.ok(!empty.ok);
    assert.equal(empty.error.path, '$.determinationIds');
  });

  test('one letter per distinct determination; review and PROHIBITED lines skipped with the reason; VALID letters', async () => {
    const ids = lines.map((l) => l.determinationId!);
    const started = value(await call<BatchLettersStatus>('batch.letters', { determinationIds: ids, officerName: 'J. Officer', passphrase: PASSPHRASE }));
    assert.equal(started.state, 'running');
    assert.equal(started.total, 4, 'the two lines of SO-1 share one determination');
    assert.equal(started.done, 0, 'the answer comes before the first letter');
    const done = await waitDone(started.jobId);
    assert.equal(done.state, 'done');
    assert.equal(done.done, 4);
    assert.deepEqual([done.issued, done.skipped], [2, 2]);
    const by = new Map(done.lines.map((l) => [l.determinationId, l]));
    for (const ref of ['SO-1', 'SO-4']) {
      const l = by.get(det(ref))!;
      assert.equal(l.state, 'issued', `${ref}: ${l.reason}`);
      assert.match(l.number!, /^TL-2026-\d{6}$/);
    }
    assert.equal(by.get(det('SO-2'))!.state, 'skipped');
    assert.match(by.get(det('SO-2'))!.reason!, /^screening needs review \(ExaCompute Technology Pte ~ EL "Example Compute Technologies/);
    assert.equal(by.get(det('SO-3'))!.state, 'skipped');
    assert.match(by.get(det('SO-3'))!.reason!, /^PROHIBITED \(as written, enforced\)/);

    const register = value(await call<ChannelOutput<'letters.list'>>('letters.list', {}));
    assert.deepEqual(register.map((r) => r.determinationId).sort(), [det('SO-1'), det('SO-4')].sort());
    for (const r of register) {
      const pdf = value(await call<ChannelOutput<'letters.pdf'>>('letters.pdf', { id: r.id }));
      const v = value(await call<ChannelOutput<'letters.verify'>>('letters.verify', { pdfBase64: pdf.pdfBase64 }));
      assert.equal(v.outcome, 'VALID', JSON.stringify(v));
    }

    // Again: the lines with a letter are skipped, naming it; nothing new is issued.
    const again = await waitDone(value(await call<BatchLettersStatus>('batch.letters', { determinationIds: [det('SO-1')], officerName: 'J. Officer', passphrase: PASSPHRASE })).jobId);
    assert.deepEqual([again.issued, again.skipped], [0, 1]);
    assert.match(again.lines[0].reason!, new RegExp(`already has letter ${by.get(det('SO-1'))!.number}`));
    assert.equal(value(await call<ChannelOutput<'letters.list'>>('letters.list', {})).length, 2);
    const unknown = await call('batch.lettersStatus', { jobId: 999 });
    assert.ok(!unknown.ok);
    assert.equal(unknown.error.code, 'NOT_FOUND');
  });
});
