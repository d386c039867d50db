// tierline screen [--country CC] [--json] [--file FILE] NAME…
// Screens names against the active list snapshot. With --json: one line per name,
// {"query", "matches": [{list, source, name, matchedName, score, decision, entityNumber,
// licenseRequirement, licensePolicy, federalRegisterNotice, countries}]}, best first, every candidate at
// or above the review threshold. Exit 0 when screened, 1 when no list is imported, 2 on bad usage.
import { isCountryCode } from '../../../shared/domain/countries';
import { screenNames } from '../screening/service';
import { parse } from './args';
import { readTextInput, withSession } from './session';
import { EXIT, type CliCommand } from './types';

export const screenCommand: CliCommand = {
  name: 'screen',
  summary: 'screen names against the imported Consolidated Screening List (candidates at or above the review threshold)',
  usage: 'tierline screen [--country CC] [--json] [--file FILE] NAME…   [--data-dir DIR]',
  async run(args, io) {
    const p = parse(args, { country: { type: 'string' }, json: { type: 'boolean' }, file: { type: 'string' }, explain: { type: 'boolean' } });
    if (typeof p === 'string') {
      io.stderr(`usage: ${p}`);
      return EXIT.INVALID_INPUT;
    }
    const country = (p.values.country as string | undefined)?.toUpperCase();
    if (country !== undefined && !isCountryCode(country)) {
      io.stderr(`--country: expected an ISO 3166-1 alpha-2 code such as "CN", got "${p.values.country as string}"`);
      return EXIT.INVALID_INPUT;
    }
    const names = [...p.positionals];
    const file = p.values.file as string | undefined;
    if (file) {
      const t = readTextInput(io, file);
      if (t === null) return EXIT.INVALID_INPUT;
      names.push(...t.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== ''));
    }
    if (names.length === 0) {
      io.stderr(`usage: ${this.usage}`);
      return EXIT.INVALID_INPUT;
    }
    return withSession(io, p.values['data-dir'] as string | undefined, (db) => {
      const out = screenNames(db, names.map((name) => ({ name, country })));
      for (const w of out.warnings) io.stderr(`warning: ${w}`);
      if (!out.list) return EXIT.FAILED;
      for (const r of out.results) {
        if (p.values.json) {
          io.stdout(
            JSON.stringify({
              query: r.query,
              matches: r.matches.map((m) => ({
                list: m.list,
                source: m.source,
                name: m.name,
                matchedName: m.matchedName,
                score: m.score,
                decision: m.decision,
                entityNumber: m.entityNumber,
                licenseRequirement: m.licenseRequirement,
                licensePolicy: m.licensePolicy,
                federalRegisterNotice: m.federalRegisterNotice,
                countries: m.countries,
                ...(p.values.explain ? { explanation: m.explanation } : {}),
              })),
            }),
          );
          continue;
        }
        io.stdout(`${r.query}: ${r.matches.length ? `${r.matches.length} candidate(s)` : 'no candidate'} (list of ${out.list.date})`);
        for (const m of r.matches) {
          io.stdout(`  ${m.decision.toUpperCase().padEnd(6)} ${m.score.toFixed(3)}  ${m.list.padEnd(6)} ${m.name}${m.matchedName !== m.name ? `  [as "${m.matchedName}"]` : ''}  ${m.countries.join(',')}`);
          if (m.licenseRequirement || m.licensePolicy) io.stdout(`         license: ${m.licenseRequirement ?? '—'}; policy: ${m.licensePolicy ?? '—'}${m.federalRegisterNotice ? `; ${m.federalRegisterNotice}` : ''}`);
          if (p.values.explain) io.stdout(`         why: ${m.explanation}`);
        }
      }
      return EXIT.OK;
    });
  },
};
