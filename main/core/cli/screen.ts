// tierline screen [--country CC] [--json] [--explain] [--file FILE] [NAME...]
// Screens names against the active list snapshot. With --json: one line per name,
// {"query", "matches": [{list, source, name, matchedName, score, decision, entityNumber,
// licenseRequirement, licensePolicy, federalRegisterNotice, countries}]}, best first, every candidate at
// or above the review threshold. Read-only. Exit 0 when screened, 1 when no list is imported, 2 on bad
// usage, 3 when there is no store.
import type { Command } from 'commander';
import { isCountryCode } from '../../../shared/domain/countries';
import { screenNames } from '../screening/service';
import { readTextInput, withSession } from './session';
import { EXIT, optsOf, type CliContext } from './types';

export function register(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  program
    .command('screen')
    .summary('screen names against the imported Consolidated Screening List (candidates at or above the review threshold)')
    .description('Screen names against the active Consolidated Screening List snapshot (docs/screening.md). Exit 1 when no list is imported.')
    .argument('[names...]', 'names to screen')
    .option('--country <CC>', "the party's country (ISO 3166-1 alpha-2), which ranks candidates from it first")
    .option('--file <file>', 'also screen the names in FILE, one per line (- for standard input)')
    .option('--explain', 'say why each candidate scored as it did')
    .option('--json', 'one JSON line per name {query, matches}')
    .action(
      ctx.action((positionals: string[], _o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        const country = (o.country as string | undefined)?.toUpperCase();
        if (country !== undefined && !isCountryCode(country)) {
          io.stderr(`--country: expected an ISO 3166-1 alpha-2 code such as "CN", got "${o.country as string}"`);
          return EXIT.USAGE;
        }
        const names = [...positionals];
        const file = o.file as string | undefined;
        if (file) {
          const t = readTextInput(io, file);
          if (t === null) return EXIT.INVALID_INPUT;
          names.push(...t.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== ''));
        }
        if (names.length === 0) {
          io.stderr('screen: name at least one party (NAME... or --file FILE)');
          return EXIT.USAGE;
        }
        return withSession(
          io,
          o.dataDir,
          (db) => {
            const out = screenNames(db, names.map((name) => ({ name, country })));
            for (const w of out.warnings) io.stderr(`warning: ${w}`);
            if (!out.list) return EXIT.FAILED;
            for (const r of out.results) {
              if (o.json) {
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
                      ...(o.explain ? { explanation: m.explanation } : {}),
                    })),
                  }),
                );
                continue;
              }
              io.stdout(`${r.query}: ${r.matches.length ? `${r.matches.length} candidate(s)` : 'no candidate'} (list of ${out.list.date})`);
              for (const m of r.matches) {
                io.stdout(`  ${m.decision.toUpperCase().padEnd(6)} ${m.score.toFixed(3)}  ${m.list.padEnd(6)} ${m.name}${m.matchedName !== m.name ? `  [as "${m.matchedName}"]` : ''}  ${m.countries.join(',')}`);
                if (m.licenseRequirement || m.licensePolicy) io.stdout(`         license: ${m.licenseRequirement ?? '—'}; policy: ${m.licensePolicy ?? '—'}${m.federalRegisterNotice ? `; ${m.federalRegisterNotice}` : ''}`);
                if (o.explain) io.stdout(`         why: ${m.explanation}`);
              }
            }
            return EXIT.OK;
          },
          { readonly: true },
        );
      }),
    );
}
