// tierline lists import FILE [--date YYYY-MM-DD] | show [--json] | config [--max-age-days N]
// The Consolidated Screening List as ITA publishes it (consolidated.csv or consolidated.json), side-loaded:
// nothing is fetched. Each import is a new snapshot; the newest is the one screenings use.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { listSnapshots, screeningSettings, setScreeningSettings } from '../db';
import { importListFile, listRef, staleWarning, todayIso } from '../screening/service';
import { parse } from './args';
import { ACTOR, withSession } from './session';
import { EXIT, type CliCommand } from './types';

export const listsCommand: CliCommand = {
  name: 'lists',
  summary: 'screening lists: import the Consolidated Screening List (CSV or JSON), show the snapshots, set the maximum age',
  usage: 'tierline lists import FILE [--date YYYY-MM-DD] | show [--json] | config [--max-age-days N]   [--data-dir DIR]',
  async run(args, io) {
    const [sub, ...rest] = args;
    const p = parse(rest, { date: { type: 'string' }, json: { type: 'boolean' }, 'max-age-days': { type: 'string' } });
    if (typeof p === 'string' || !['import', 'show', 'config'].includes(sub ?? '') || (sub === 'import' ? p.positionals.length !== 1 : p.positionals.length !== 0)) {
      io.stderr(`usage: ${typeof p === 'string' ? p : this.usage}`);
      return EXIT.INVALID_INPUT;
    }
    const date = p.values.date as string | undefined;
    if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      io.stderr('--date: expected YYYY-MM-DD');
      return EXIT.INVALID_INPUT;
    }
    let bytes: Buffer | null = null;
    const file = p.positionals[0];
    if (sub === 'import') {
      try {
        bytes = readFileSync(resolve(io.cwd, file));
      } catch (e) {
        io.stderr(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        return EXIT.INVALID_INPUT;
      }
    }
    return withSession(io, p.values['data-dir'] as string | undefined, (db) => {
      if (sub === 'import') {
        const r = importListFile(db, { bytes: bytes!, fileName: file, date }, { actor: ACTOR });
        if (!r.ok) {
          for (const i of r.error.issues) io.stderr(`${file}: ${i.path}: ${i.message}`);
          io.stderr(`${file}: ${r.error.message}`);
          return EXIT.INVALID_INPUT;
        }
        const s = r.value.snapshot;
        io.stdout(`${file}: list of ${s.listDate} imported as snapshot ${s.id}: ${s.entryCount.toLocaleString('en-US')} entries (${Object.entries(s.sources).map(([k, v]) => `${k} ${v}`).join(', ')}); sha256 ${s.sha256}; index built in ${Math.round(r.value.buildMs)} ms`);
        const ref = listRef(db, s, todayIso());
        if (ref.stale) io.stderr(`warning: ${staleWarning(ref)}`);
        return EXIT.OK;
      }
      if (sub === 'config') {
        const raw = p.values['max-age-days'] as string | undefined;
        if (raw !== undefined) {
          const r = setScreeningSettings(db, { maxAgeDays: Number(raw) }, { actor: ACTOR });
          if (!r.ok) {
            io.stderr(`--max-age-days: ${r.error.message}`);
            return EXIT.INVALID_INPUT;
          }
        }
        const s = screeningSettings(db);
        if (p.values.json) io.stdout(JSON.stringify(s));
        else io.stdout(`maximum list age: ${s.maxAgeDays} days`);
        return EXIT.OK;
      }
      const snaps = listSnapshots(db);
      const today = todayIso();
      if (p.values.json) {
        io.stdout(JSON.stringify({ maxAgeDays: screeningSettings(db).maxAgeDays, snapshots: snaps.map((s) => ({ ...s, ...listRef(db, s, today) })) }));
        return EXIT.OK;
      }
      if (snaps.length === 0) {
        io.stdout('no screening list imported: tierline lists import consolidated.csv');
        return EXIT.OK;
      }
      for (const s of snaps) {
        const ref = listRef(db, s, today);
        io.stdout(`${s.active ? '*' : ' '} ${String(s.id).padStart(3)}  list of ${s.listDate}  ${s.entryCount.toLocaleString('en-US').padStart(7)} entries  ${s.format}  sha256 ${s.sha256.slice(0, 16)}…  imported ${s.importedAt.slice(0, 19)}Z  ${s.fileName}${s.active && ref.stale ? `  STALE (${ref.ageDays} days old, limit ${ref.maxAgeDays})` : ''}`);
        if (s.active) io.stdout(`        ${Object.entries(s.sources).map(([k, v]) => `${k} ${v}`).join(', ')}`);
      }
      return EXIT.OK;
    });
  },
};
