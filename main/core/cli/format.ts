// The readable summary `tierline evaluate` prints without --json.
import { bottomLine } from '../../../shared/domain/bottom-line';
import type { Case } from '../../../shared/domain/case';
import { countryName } from '../../../shared/domain/countries';
import type { Determination } from '../../../shared/domain/determination';
import type { Hint } from '../../../shared/engine/types';

const MODE_LABEL = { as_written: 'AS WRITTEN', enforced: 'ENFORCED' } as const;

export function summarize(file: string, c: Case, d: Determination, hints: Hint[], caseId?: number): string[] {
  const out: string[] = [];
  out.push(`${file}${caseId !== undefined ? `  (case ${caseId})` : ''}`);
  out.push(`  ${c.reference ? `${c.reference}: ` : ''}${c.endUser.name} (HQ ${c.endUser.headquarters}${c.endUser.ultimateParentHeadquarters && c.endUser.ultimateParentHeadquarters !== c.endUser.headquarters ? `, parent ${c.endUser.ultimateParentHeadquarters}` : ''}) → ${countryName(c.destination)} (${c.destination}), ${c.date}`);
  out.push(`  case sha256 ${d.caseSha256}`);
  out.push(`  bottom line: ${bottomLine(d.evaluations)}`);
  if (d.screening) {
    const s = d.screening;
    out.push(`  screening: ${s.status.replace(/_/g, ' ')}${s.list ? ` (list of ${s.list.date}, sha256 ${s.list.sha256.slice(0, 12)})` : ''}`);
    for (const p of s.parties) for (const m of p.candidates) out.push(`    ${p.name} ~ ${m.list} "${m.name}" ${m.score.toFixed(2)} ${m.officer ? m.officer.verdict : m.decision}`);
  }
  for (const e of d.evaluations) {
    out.push('');
    out.push(`  ${MODE_LABEL[e.mode]}  ${e.licenseRequired ? 'LICENSE REQUIRED' : 'no license required'}  · tier ${e.destinationTier ?? '–'} (effective ${e.effectiveTier ?? '–'})  · pack ${e.rulePack.id} v${e.rulePack.version} ${e.rulePack.sha256.slice(0, 12)}`);
    out.push(`    status: ${e.regimeStatus}`);
    for (const it of e.items) {
      const item = c.items[it.index];
      out.push(`    [${it.index}] ${item.description ?? item.kind} × ${item.quantity}: ${it.eccn ?? 'not 3A090/4A090/4E091'} → ${it.authorization}${it.reviewPolicy ? ` (${it.reviewPolicy.replace(/_/g, ' ')})` : ''}`);
      for (const o of it.obligations) out.push(`        - ${o}`);
      const decisive = it.trace.filter((s) => s.rule.startsWith('auth') || s.rule.startsWith('screening') || s.rule.startsWith('review') || s.rule.startsWith('license') || s.rule.startsWith('classify'));
      for (const s of decisive) out.push(`        · ${s.citation}: ${s.result}${s.confidence === 'high' ? '' : ` [${s.confidence}]`}`);
      for (const h of hints.filter((h) => h.mode === e.mode && h.itemIndex === it.index)) out.push(`        ↳ ${h.text}`);
    }
    for (const w of e.warnings) out.push(`    ! ${w}`);
  }
  return out;
}
