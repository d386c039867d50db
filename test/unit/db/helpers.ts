// Test fixtures for the store: a real SQLite file in a fresh temp folder, and small valid documents.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { canonicalJson } from '../../../shared/domain/canonical';
import type { Case } from '../../../shared/domain/case';
import type { Determination } from '../../../shared/domain/determination';
import { insertDetermination, openDatabaseOrThrow, saveCase, sha256Hex, type Db, type OpenOptions, type WriteOptions } from '../../../main/core/db/index';

export const AS: WriteOptions = { actor: 'test' };

export function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'tierline-db-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function tempDb(t: TestContext, opts: OpenOptions = {}): { db: Db; file: string; dir: string } {
  const dir = tempDir(t);
  const file = join(dir, 'data', 'tierline.sqlite');
  const db = openDatabaseOrThrow(file, opts);
  t.after(() => {
    if (db.open) db.close();
  });
  return { db, file, dir };
}

/** A valid case; overrides are loose (plain strings for countries) because tests also build bad ones. */
export function sampleCase(over: Record<string, unknown> = {}): Case {
  return {
    format: 'tierline.case/1',
    reference: 'PO-1001',
    date: '2025-06-02',
    destination: 'DE',
    endUser: { name: 'Example Compute GmbH', type: 'data_center', headquarters: 'DE' },
    items: [
      { description: 'accelerator', kind: 'ic', eccn: '3A090.a', quantity: 8, tppPerUnit: 4800 },
      { description: 'server', kind: 'computer', eccn: '4A090.a', quantity: 2, tppPerUnit: 38400 },
    ],
    ...over,
  } as Case;
}

export function caseSha(doc: unknown): string {
  return sha256Hex(canonicalJson(doc));
}

export function sampleDetermination(
  caseSha256: string,
  authorizations: Determination['evaluations'][number]['items'][number]['authorization'][],
  opts: { licenseRequired?: boolean; modes?: ('as_written' | 'enforced')[]; asOf?: string } = {},
): Determination {
  const modes = opts.modes ?? ['as_written', 'enforced'];
  return {
    format: 'tierline.determination/1',
    caseSha256,
    evaluations: modes.map((mode) => ({
      mode,
      asOf: opts.asOf ?? '2025-06-02',
      rulePack: { id: `bis.${mode.replace('_', '-')}`, version: 1, sha256: 'a'.repeat(64) },
      regimeStatus: 'in force',
      destinationTier: 1,
      effectiveTier: 1,
      licenseRequired: opts.licenseRequired ?? authorizations.includes('LICENSE'),
      items: authorizations.map((authorization, index) => ({
        index,
        eccn: '3A090.a',
        licenseRequired: authorization === 'LICENSE',
        authorization,
        reviewPolicy: null,
        obligations: [],
        trace: [],
      })),
      warnings: [],
    })),
  };
}

export function samplePackJson(over: { id?: string; version?: number; mode?: 'as_written' | 'enforced'; title?: string } = {}): string {
  return JSON.stringify({
    format: 'tierline.rulepack/1',
    id: over.id ?? 'bis.ai-diffusion',
    version: over.version ?? 1,
    mode: over.mode ?? 'as_written',
    title: over.title ?? 'AI Diffusion as written',
    summary: 'test pack',
    issued: '2025-05-20',
    coverageFrom: '2025-01-13',
    status: [
      {
        from: '2025-01-13',
        to: null,
        procedure: 'ai_diffusion',
        code: 'in_force',
        text: 'in force',
        citation: '90 FR 4544',
        excerpt: '…',
        confidence: 'high',
      },
    ],
    parameters: {},
    signature: { alg: 'Ed25519', keyId: '0123456789abcdef', value: 'AAAA' },
  });
}

/** Saves a case and a determination for it; returns their ids. */
export function evaluatedCase(
  db: Db,
  over: Record<string, unknown> = {},
  auths: Parameters<typeof sampleDetermination>[1] = ['AIA', 'AIA'],
): { caseId: number; determinationId: number; sha: string } {
  const doc = sampleCase(over);
  const sha = caseSha(doc);
  const saved = saveCase(db, doc, sha, AS);
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  const det = insertDetermination(db, saved.value.id, sampleDetermination(sha, auths.slice(0, doc.items.length)), AS);
  if (!det.ok) throw new Error(JSON.stringify(det.error));
  return { caseId: saved.value.id, determinationId: det.value.id, sha };
}
