// screening.* and lists.* through dispatch, over a real store and the whole real list of 2026-07-31: the
// list's status before and after import (a malformed file refused with the row and field, nothing
// stored), a look-up that finds a listed party under a variant and nothing for a company on no list,
// and an officer's clear of a review candidate that turns the determination from "needs review" to clear.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeResources, dispatch, headlessPlatform, type HandlerContext } from '../../../main/core/handlers';
import type { ChannelOutput } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import { REAL_CSV_GZ, REAL_LIST_DATE } from '../../support/csl';

const dataDir = mkdtempSync(join(tmpdir(), 'tierline-screening-handlers-'));
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

describe('screening channels (real list)', () => {
  before(async () => {
    const none = value(await call<ChannelOutput<'lists.status'>>('lists.status', {}));
    assert.equal(none.active, null);
    assert.match(none.warnings[0], /No screening list is imported/);
    const noList = value(await call<ChannelOutput<'screening.lookup'>>('screening.lookup', { name: 'Huawei Technologies Co., Ltd.' }));
    assert.equal(noList.list, null);
    assert.deepEqual(noList.matches, []);

    const bad = await call('lists.import', { fileName: 'consolidated.csv', base64: Buffer.from('source,name\n"Entity List (EL) - Bureau of Industry and Security",\n').toString('base64') });
    assert.ok(!bad.ok);
    assert.equal(bad.error.code, 'INVALID_INPUT');
    assert.match(bad.error.message, /row 1/);
    assert.match(bad.error.message, /name/);
    assert.equal(value(await call<ChannelOutput<'lists.status'>>('lists.status', {})).snapshotCount, 0, 'a refused file stores nothing');

    const imported = value(await call<ChannelOutput<'lists.import'>>('lists.import', { fileName: 'consolidated-2026-07-31.csv.gz', base64: readFileSync(REAL_CSV_GZ).toString('base64') }));
    assert.equal(imported.active?.date, REAL_LIST_DATE);
    assert.equal(imported.active?.entryCount, 25921);
    assert.equal(imported.active?.ageDays, 10);
    assert.equal(imported.active?.stale, false);
    assert.equal(imported.snapshotCount, 1);
  });

  test('look-up: a listed party under a variant is found with its entry; a company on no list gives nothing', async () => {
    const r = value(await call<ChannelOutput<'screening.lookup'>>('screening.lookup', { name: 'huawei technologies company limited', country: 'cn' }));
    assert.equal(r.country, 'CN');
    assert.equal(r.list?.date, REAL_LIST_DATE);
    const el = r.matches.find((m) => m.list === 'EL');
    assert.ok(el, JSON.stringify(r.matches.map((m) => [m.list, m.name])));
    assert.match(el.name, /Huawei Technologies Co\., Ltd\./);
    assert.equal(el.decision, 'match');
    assert.ok(el.licenseRequirement && el.federalRegisterNotice, 'the Entity List columns come with the candidate');
    assert.match(el.explanation, /tokens matched/);
    for (let i = 1; i < r.matches.length; i++) assert.ok(r.matches[i - 1].score >= r.matches[i].score, 'best first');

    const none = value(await call<ChannelOutput<'screening.lookup'>>('screening.lookup', { name: 'Siemens AG', country: 'DE' }));
    assert.deepEqual(none.matches, []);

    const badCountry = await call('screening.lookup', { name: 'Sugon', country: 'China' });
    assert.ok(!badCountry.ok);
    assert.equal(badCountry.error.path, '$.country');
  });

  test('decide: a review candidate cleared with a reason; the determination is evaluated again and is clear', async () => {
    const created = value(
      await call<ChannelOutput<'cases.create'>>('cases.create', {
        case: {
          format: 'tierline.case/1',
          date: '2026-02-01',
          destination: 'CN',
          endUser: { name: 'Sugon Information', type: 'commercial', headquarters: 'SG' },
          items: [{ description: 'NVIDIA H200 SXM', kind: 'ic', eccn: '3A090.a', quantity: 10, tppPerUnit: 15832, performanceDensity: 19.45, dieAreaMm2: 814, datacenter: true, approvedDesigner: true }],
        },
      }),
    );
    const det = value(await call<ChannelOutput<'determinations.evaluate'>>('determinations.evaluate', { caseId: created.id }));
    const s = det.determination.screening!;
    assert.equal(s.status, 'needs_review');
    const cand = s.parties[0].candidates[0];
    assert.equal(cand.decision, 'review');
    const base = { caseId: created.id, determinationId: det.id, party: 'Sugon Information', list: cand.list, entryId: cand.entryId };

    const noReason = await call('screening.decide', { ...base, decision: 'clear', reason: '  ' });
    assert.ok(!noReason.ok);
    assert.equal(noReason.error.path, '$.reason');
    const wrongEntry = await call('screening.decide', { ...base, entryId: 'nope', decision: 'clear', reason: 'not it' });
    assert.ok(!wrongEntry.ok);
    assert.equal(wrongEntry.error.path, '$.entryId');
    const stale = await call('screening.decide', { ...base, determinationId: det.id + 100, decision: 'clear', reason: 'not it' });
    assert.ok(!stale.ok);
    assert.equal(stale.error.code, 'CONFLICT');

    const after = value(await call<ChannelOutput<'screening.decide'>>('screening.decide', { ...base, decision: 'clear', reason: 'Sugon Information Systems of Singapore, UEN 2019..., is not Dawning/Sugon' }));
    assert.ok(after.id > det.id);
    assert.equal(after.determination.screening?.status, 'clear');
    assert.equal(after.determination.screening?.parties[0].candidates[0].officer?.verdict, 'cleared');
    assert.equal(after.determination.screening?.parties[0].candidates[0].officer?.by, 'J. Officer');
    const latest = value(await call<ChannelOutput<'determinations.latest'>>('determinations.latest', { caseId: created.id }));
    assert.equal(latest?.id, after.id);
  });
});
