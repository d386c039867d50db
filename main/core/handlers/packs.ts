// packs.*: installed packs with their status timeline, parameters on a date, and import of a signed
// pack file (verified by services/packs before anything is stored).
import { activePackRecord, getPack, listPacks, type PackRecord } from '../db';
import { importPackText } from '../services/packs';
import { builtinPackTexts } from '../rulepacks';
import { canonicalSha256 } from '../db';
import type { PackDetail, PackSummary } from '../../../shared/ipc/contract';
import { err, ok } from '../../../shared/ipc/result';
import type { HandlerContext } from './context';
import { storeOf } from './store';
import type { Handlers } from './types';

let builtinShas: Set<string> | null = null;
function builtIn(sha256: string): boolean {
  if (!builtinShas) {
    builtinShas = new Set();
    try {
      for (const { text } of builtinPackTexts()) {
        const { signature: _s, ...body } = JSON.parse(text) as Record<string, unknown>;
        builtinShas.add(canonicalSha256(body));
      }
    } catch {
      // no built-in packs folder: nothing is built in
    }
  }
  return builtinShas.has(sha256);
}

function summaryOf(ctx: HandlerContext, r: PackRecord): PackSummary {
  const latest = activePackRecord(storeOf(ctx), r.id);
  return {
    id: r.id,
    version: r.version,
    mode: r.mode,
    title: r.title,
    issued: r.issued,
    coverageFrom: r.coverageFrom,
    sha256: r.sha256,
    keyId: r.keyId,
    active: latest?.version === r.version,
    installedAt: r.importedAt,
    builtIn: builtIn(r.sha256),
    status: r.pack.status.map((s) => ({ from: s.from, to: s.to, code: s.code, text: s.text, citation: s.citation, excerpt: s.excerpt, confidence: s.confidence })),
  };
}

const PACK_ERRORS: Record<string, string> = {
  NOT_JSON: 'It is not a JSON file.',
  UNSIGNED: 'It carries no signature; only signed packs can be installed.',
  MALFORMED_SIGNATURE: 'Its signature block is malformed.',
  UNKNOWN_KEY: 'It is signed with a key this installation does not trust.',
  BAD_SIGNATURE: 'Its signature does not match its content: the file was changed after signing.',
  INVALID_PACK: 'Its content is not a valid rule pack.',
  ENGINE_FAILS: 'The rules engine cannot evaluate its test cases under it.',
  TOO_LARGE: 'It is too large or too deeply nested to be a rule pack.',
  ROLLBACK: 'It is older than the version already installed.',
  VERSION_CONFLICT: 'A different pack with the same id and version is already installed.',
};

export const packHandlers: Handlers<'packs.list' | 'packs.get' | 'packs.import'> = {
  'packs.list': (_in, ctx) => {
    const db = storeOf(ctx);
    const out: PackSummary[] = [];
    for (const s of listPacks(db)) {
      const r = getPack(db, s.id, s.version);
      if (r) out.push(summaryOf(ctx, r));
    }
    return ok(out);
  },
  'packs.get': ({ id, version, asOf }, ctx) => {
    const r = getPack(storeOf(ctx), id, version);
    if (!r) return err('NOT_FOUND', `Rule pack ${id} v${version} is not installed.`);
    const date = asOf ?? ctx.today();
    const parameters: PackDetail['parameters'] = Object.entries(r.pack.parameters).map(([key, p]) => {
      const v = p.versions.find((x) => x.from <= date && (x.to === null || date <= x.to));
      return {
        key,
        title: p.title,
        unit: p.unit ?? null,
        citation: v?.citation ?? p.citation,
        excerpt: v?.excerpt ?? p.excerpt,
        confidence: v?.confidence ?? p.confidence,
        value: v ? JSON.stringify(v.value) : `(no value on ${date})`,
        versions: p.versions.length,
        history: p.versions.map((x) => ({ from: x.from, to: x.to, value: JSON.stringify(x.value), citation: x.citation ?? p.citation, excerpt: x.excerpt ?? p.excerpt, confidence: x.confidence ?? p.confidence })),
      };
    });
    return ok({ pack: summaryOf(ctx, r), summary: r.pack.summary, parameters });
  },
  'packs.import': ({ fileName, text }, ctx) => {
    const r = importPackText(storeOf(ctx), text, { actor: ctx.actor });
    if (!r.ok) {
      const code = r.error.code === 'ROLLBACK' || r.error.code === 'VERSION_CONFLICT' ? 'CONFLICT' : 'INVALID_INPUT';
      const why = PACK_ERRORS[r.error.code] ?? '';
      return err(code, `${fileName} was not installed. ${why} (${r.error.message})`.replace(/\s+/g, ' ').trim(), { path: r.error.path });
    }
    const rec = getPack(storeOf(ctx), r.value.id, r.value.version);
    if (!rec) return err('INTERNAL', 'The pack was stored but cannot be read back.');
    return ok(summaryOf(ctx, rec));
  },
};
