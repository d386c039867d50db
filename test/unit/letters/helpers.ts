// Shared setup for letter tests: one office identity per process (RSA keygen is the slow part), tools.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { createIdentity, unlockIdentity, type StoredIdentity, type UnlockedIdentity } from '../../../main/core/identity';
import { buildSignedLetter, type SignedLetter } from '../../../main/core/letters';
import type { PdfRef } from '../../../main/core/letters/pdf-objects';
import { embeddedFiles, readObjects, PdfDict, PdfName, PdfString } from '../../../main/core/letters/pdf-objects';
import { makeCase, makeDetermination, OFFICE, PASSPHRASE, TEST_KDF, TEST_NOW } from './fixtures';

let office: { stored: StoredIdentity; id: UnlockedIdentity } | null = null;

export function officeIdentity(): { stored: StoredIdentity; id: UnlockedIdentity } {
  if (!office) {
    const stored = createIdentity({ office: OFFICE, passphrase: PASSPHRASE, kdf: TEST_KDF, now: TEST_NOW });
    office = { stored, id: unlockIdentity(stored, PASSPHRASE) };
  }
  return office;
}

export const MULTISCRIPT_NAME = 'Rechenzentrum Süd GmbH · Ελληνική Εταιρεία · ООО Ромашка · 华为技术有限公司 · 삼성전자';

export function sampleLetter(overrides: { name?: string; letterNumber?: string; pageSize?: 'A4' | 'LETTER'; identity?: UnlockedIdentity } = {}): SignedLetter {
  const c = makeCase({ endUser: { name: overrides.name ?? MULTISCRIPT_NAME, type: 'data_center', headquarters: 'DE' } });
  const d = makeDetermination(c, { lowConfidence: true });
  return buildSignedLetter({
    case: c,
    determination: d,
    letterNumber: overrides.letterNumber ?? 'TL-2026-000007',
    issuedAt: '2026-11-26T10:15:00.000Z',
    officer: 'Jane Q. Officer',
    auditHead: { seq: 41, hash: 'ab'.repeat(32) },
    pageSize: overrides.pageSize ?? 'A4',
    identity: overrides.identity ?? officeIdentity().id,
  });
}

export const tmp = (): string => mkdtempSync(join(tmpdir(), 'tierline-letters-'));

export function writeTmp(bytes: Uint8Array, name = 'letter.pdf'): string {
  const p = join(tmp(), name);
  writeFileSync(p, bytes);
  return p;
}

export function run(cmd: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** Replaces the data of one embedded file in place (offsets shift; the xref is left stale on purpose). */
export function swapAttachment(pdf: Buffer, name: string, newData: Buffer): Buffer {
  const objects = readObjects(pdf);
  const spec = objects.find((o) => {
    const d = o.value;
    if (!(d instanceof PdfDict)) return false;
    const t = d.get('Type');
    const f = d.get('F');
    return t instanceof PdfName && t.name === 'Filespec' && f instanceof PdfString && f.text() === name;
  });
  if (!spec) throw new Error(`no attachment ${name}`);
  const ref = ((spec.value as PdfDict).get('EF') as PdfDict).get('F') as PdfRef;
  const target = objects.find((o) => o.num === ref.num)!;
  const compressed = deflateSync(newData);
  const before = pdf.subarray(0, target.stream!.start).toString('latin1');
  const dictStart = target.offset;
  const header = before.slice(dictStart).replace(/\/Length \d+/, `/Length ${compressed.length}`);
  return Buffer.concat([
    pdf.subarray(0, dictStart),
    Buffer.from(header, 'latin1'),
    compressed,
    pdf.subarray(target.stream!.end),
  ]);
}

export { embeddedFiles };
