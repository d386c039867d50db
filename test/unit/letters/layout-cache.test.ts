// Letters share shaped words across documents (fonts.ts sharedLayoutCache). Sharing must change nothing a
// letter shows: the same letter rendered before and after others, in other scripts and sizes, has every
// word in the same place (pdftotext -bbox: each word with its box). Bytes differ only by pdfkit's random
// font-subset tags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderLetter } from '../../../main/core/letters';
import { makeCase, makeDetermination } from './fixtures';
import { MULTISCRIPT_NAME, officeIdentity, run, writeTmp } from './helpers';

function render(name: string, pageSize: 'A4' | 'LETTER' = 'A4'): Buffer {
  const c = makeCase({ endUser: { name, type: 'data_center', headquarters: 'DE' } });
  return renderLetter({
    case: c,
    determination: makeDetermination(c, { lowConfidence: true }),
    letterNumber: 'TL-2026-000099',
    issuedAt: '2026-11-26T10:15:00.000Z',
    officer: 'Jane Q. Officer',
    office: officeIdentity().id.office,
    auditHead: { seq: 9, hash: 'cd'.repeat(32) },
    qrRecord: 'TL1.test-record',
    pageSize,
  });
}

const words = (pdf: Buffer): string => {
  const r = run('pdftotext', ['-bbox', writeTmp(pdf), '-']);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.slice(r.stdout.indexOf('<doc>'));
};

test('a letter lays out the same before and after other letters filled the shared word cache', () => {
  const first = render(MULTISCRIPT_NAME);
  for (const other of ['Rheinwerk Cloud GmbH', 'Åsa Öberg AB — “Nordic” Compute', '株式会社テスト計算', 'Żółć Sp. z o.o.']) render(other, 'LETTER');
  const again = render(MULTISCRIPT_NAME);
  const a = words(first);
  const b = words(again);
  assert.ok(a.split('<word').length > 300, 'pdftotext found too few words');
  assert.ok(a === b, 'a word moved or changed after other letters were rendered');
  const text = run('pdftotext', ['-layout', writeTmp(again), '-']).stdout.replace(/\s+/g, '');
  for (const s of ['Rechenzentrum Süd GmbH', 'ООО Ромашка', '华为技术有限公司', '삼성전자']) assert.ok(text.includes(s.replace(/\s+/g, '')), `missing ${s}`);
});
