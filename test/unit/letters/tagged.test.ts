// Letters are accessible PDFs (Section 508): tagged, with a language, a displayed title and a structure
// tree in reading order; page furniture (rules, fills, running footers, the watermark) is marked as
// artifacts. Checked with poppler's own structure reader (pdfinfo -struct-text) and qpdf, not our parser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { officeIdentity, run, sampleLetter, tmp, writeTmp } from './helpers';
import { makeCase, makeDetermination } from './fixtures';
import { renderLetter } from '../../../main/core/letters';

/** The structure tree as poppler reads it: element types and their text, in reading order. */
function structure(file: string): { types: string[]; text: string } {
  const r = run('pdfinfo', ['-struct-text', file]);
  assert.equal(r.status, 0, r.stderr);
  const types: string[] = [];
  const texts: string[] = [];
  for (const line of r.stdout.split('\n')) {
    const t = line.trim();
    if (t.startsWith('"')) texts.push(t.slice(1, -1));
    else if (t) types.push(t.split(' ')[0]);
  }
  return { types, text: texts.join('\n') };
}

/** Every page's content stream, decoded by qpdf. */
function pageContents(file: string): string[] {
  const pages = run('qpdf', ['--show-pages', file]);
  assert.equal(pages.status, 0, pages.stderr);
  const ids = [...pages.stdout.matchAll(/content:\s*\n((?:\s+\d+ \d+ R\n?)+)/g)].map((m) => [...m[1].matchAll(/(\d+) (\d+) R/g)].map((x) => `${x[1]},${x[2]}`));
  assert.ok(ids.length >= 1, pages.stdout);
  return ids.map((objs) =>
    objs
      .map((o) => {
        const s = run('qpdf', [`--show-object=${o}`, '--filtered-stream-data', file]);
        assert.equal(s.status, 0, s.stderr);
        return s.stdout;
      })
      .join('\n'),
  );
}

/**
 * Checks marked content nests and every text object sits inside one (tagged or an artifact); returns the
 * count of text objects in tagged content and in artifacts.
 */
function textObjectsAllMarked(content: string): { tagged: number; artifacts: number } {
  // Strings hold arbitrary bytes: drop them before reading operators.
  const ops = content.replace(/\((?:\\.|[^\\)])*\)/g, ' ').replace(/<[0-9A-Fa-f\s]*>/g, ' ').split(/\s+/);
  const stack: string[] = [];
  const counts = { tagged: 0, artifacts: 0 };
  ops.forEach((op, i) => {
    if (op === 'BDC') {
      // "/Tag << … >> BDC" or "/Tag /PropertiesName BDC": the tag precedes the property list.
      const open = ops[i - 1] === '>>' ? ops.lastIndexOf('<<', i - 1) : i - 1;
      stack.push(ops[open - 1] ?? '?');
    }
    else if (op === 'BMC') stack.push(ops[i - 1] ?? '?');
    else if (op === 'EMC') {
      assert.ok(stack.length > 0, 'EMC without an open marked-content sequence');
      stack.pop();
    } else if (op === 'BT') {
      assert.ok(stack.length > 0, 'a text object outside any marked content (neither tagged nor an artifact)');
      if (stack.includes('/Artifact')) counts.artifacts++;
      else counts.tagged++;
    }
  });
  assert.equal(stack.length, 0, 'marked content left open at the end of the page');
  return counts;
}

test('a letter is tagged: language, title shown, structure in reading order, furniture as artifacts', () => {
  const file = writeTmp(sampleLetter().pdf);
  const info = run('pdfinfo', [file]).stdout;
  assert.match(info, /Tagged:\s+yes/);
  const q = run('qpdf', ['--qdf', '--object-streams=disable', file, join(tmp(), 'q.pdf')]);
  assert.ok(q.status === 0 || q.status === 3, q.stderr);
  const catalog = run('qpdf', ['--show-object=trailer', file]).stdout;
  const rootId = /\/Root (\d+) (\d+) R/.exec(catalog);
  assert.ok(rootId, catalog);
  const root = run('qpdf', [`--show-object=${rootId[1]},${rootId[2]}`, file]).stdout;
  assert.match(root, /\/Lang \(en-US\)/);
  assert.match(root, /\/StructTreeRoot \d+ \d+ R/);
  assert.match(root, /\/MarkInfo \d+ \d+ R/);
  assert.match(root, /\/ViewerPreferences/);

  const { types, text } = structure(file);
  assert.equal(types[0], 'Document');
  for (const t of ['H1', 'H2', 'P', 'Table', 'TR', 'TH', 'TD', 'L', 'LI', 'Lbl', 'LBody', 'Figure']) assert.ok(types.includes(t), `no ${t} element in ${[...new Set(types)].join(' ')}`);
  // Reading order: title, parties, items, reasoning, certification, officer.
  const order = ['EXPORT CONTROL DETERMINATION', 'PARTIES AND TRANSACTION', 'ITEMS AND DETERMINATIONS', 'REASONING', 'CERTIFICATION', 'Jane Q. Officer'];
  const at = order.map((s) => text.indexOf(s));
  assert.ok(at.every((i) => i >= 0), `missing from the structure: ${order.filter((_, k) => at[k] < 0).join(', ')}`);
  assert.deepEqual([...at].sort((a, b) => a - b), at, 'the structure tree is not in reading order');
  // Running footers are artifacts: a reader does not hear "Page 1 of 3" in the middle of the text.
  assert.ok(!/Page \d+ of \d+/.test(text), 'the running footer is read out as text');
  assert.ok(/Page 1 of \d+/.test(run('pdftotext', [file, '-']).stdout), 'the footer is not printed');

  const qdf = run('qpdf', ['--qdf', '--object-streams=disable', file, '-']).stdout;
  assert.ok(/\/Alt \(QR code holding the signed record/.test(qdf), 'the QR figure has no alternate text');
  assert.ok(/\/S \/Figure/.test(qdf), 'no Figure element');
  const counts = pageContents(file).map(textObjectsAllMarked);
  // Every page has tagged text and its running footer as an artifact.
  assert.ok(counts.every((n) => n.tagged > 0 && n.artifacts >= 3), `text objects per page: ${JSON.stringify(counts)}`);
});

test('a draft preview is tagged too, and its watermark is an artifact', () => {
  const { id } = officeIdentity();
  const c = makeCase();
  const pdf = renderLetter({
    case: c,
    determination: makeDetermination(c),
    letterNumber: 'DRAFT (not issued)',
    issuedAt: '2026-11-26T10:15:00.000Z',
    officer: 'Jane Q. Officer',
    office: id.office,
    auditHead: { seq: 1, hash: '00'.repeat(32) },
    qrRecord: 'DRAFT: not a letter; not signed',
  });
  const file = writeTmp(pdf);
  assert.match(run('pdfinfo', [file]).stdout, /Tagged:\s+yes/);
  const { text } = structure(file);
  assert.ok(text.includes('EXPORT CONTROL DETERMINATION'), 'the draft has no structure');
  assert.ok(!text.includes('DRAFT — NOT ISSUED'), 'the watermark is read out as text');
  // Footer (3 text objects) and watermark (1) on every page are artifacts.
  const counts = pageContents(file).map(textObjectsAllMarked);
  assert.ok(counts.every((n) => n.tagged > 0 && n.artifacts >= 4), `text objects per page: ${JSON.stringify(counts)}`);
});
