// tierline lists import FILE [--date YYYY-MM-DD] | show [--json] | config [--max-age-days N]
// The Consolidated Screening List as ITA publishes it (consolidated.csv or consolidated.json), side-loaded:
// nothing is fetched. Each import is a new snapshot; the newest is the one screenings use.
import type { Command } from 'commander';
import { listSnapshots, screeningSettings, setScreeningSettings, type Db } from '../db';
import { importListFile, listRef, staleWarning, todayIso } from '../screening/service';
import { ACTOR, readDatedInput, withSession } from './session';
import { EXIT, optsOf, type CliContext, type CliIo } from './types';

export function register(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  const lists = program
    .command('lists')
    .summary('screening lists: import the Consolidated Screening List (CSV or JSON), show the snapshots, set the maximum age')
    .description('The Consolidated Screening List, side-loaded (nothing is fetched): each import is a new snapshot; the newest is the one screenings use (docs/screening.md).');

  lists
    .command('import')
    .summary('import a Consolidated Screening List file as a new snapshot')
    .argument('<file>', 'consolidated.csv or consolidated.json as ITA publishes it, optionally gzipped (- for standard input)')
    .option('--date <YYYY-MM-DD>', 'the list date (default: from the file name or contents)')
    .option('--json', 'the new snapshot as JSON')
    .action(
      ctx.action((file: string, _o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        const input = readDatedInput(io, file, o.date);
        if (typeof input === 'number') return input;
        return withSession(io, o.dataDir, (db) => importList(db, file, input.bytes, input.date, Boolean(o.json), io));
      }),
    );

  lists
    .command('show')
    .summary('list the imported snapshots; * marks the active one')
    .option('--json', 'one JSON document {maxAgeDays, snapshots}')
    .action(
      ctx.action((_o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        return withSession(io, o.dataDir, (db) => show(db, Boolean(o.json), io), { readonly: true });
      }),
    );

  lists
    .command('config')
    .summary('show or set the maximum age of the list before screenings warn that it is stale')
    .option('--max-age-days <n>', 'set the maximum age in days')
    .option('--json', 'the settings as JSON')
    .action(
      ctx.action((_o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        const raw = o.maxAgeDays as string | undefined;
        return withSession(
          io,
          o.dataDir,
          (db) => {
            if (raw !== undefined) {
              const r = setScreeningSettings(db, { maxAgeDays: Number(raw) }, { actor: ACTOR });
              if (!r.ok) {
                io.stderr(`--max-age-days: ${r.error.message}`);
                return EXIT.INVALID_INPUT;
              }
            }
            const s = screeningSettings(db);
            if (o.json) io.stdout(JSON.stringify(s));
            else io.stdout(`maximum list age: ${s.maxAgeDays} days`);
            return EXIT.OK;
          },
          // Only a change writes; showing the setting opens the store read-only.
          { readonly: raw === undefined },
        );
      }),
    );
}

function importList(db: Db, file: string, bytes: Buffer, date: string | undefined, json: boolean, io: CliIo): number {
  const r = importListFile(db, { bytes, fileName: file, date }, { actor: ACTOR });
  if (!r.ok) {
    for (const i of r.error.issues) io.stderr(`${file}: ${i.path}: ${i.message}`);
    io.stderr(`${file}: ${r.error.message}`);
    return EXIT.INVALID_INPUT;
  }
  const s = r.value.snapshot;
  const ref = listRef(db, s, todayIso());
  if (json) io.stdout(JSON.stringify({ snapshot: s, ...ref }));
  else
    io.stdout(
      `${file}: list of ${s.listDate} imported as snapshot ${s.id}: ${s.entryCount.toLocaleString('en-US')} entries (${Object.entries(s.sources)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}); sha256 ${s.sha256}; index built in ${Math.round(r.value.buildMs)} ms`,
    );
  if (ref.stale) io.stderr(`warning: ${staleWarning(ref)}`);
  return EXIT.OK;
}

function show(db: Db, json: boolean, io: CliIo): number {
  const snaps = listSnapshots(db);
  const today = todayIso();
  if (json) {
    io.stdout(JSON.stringify({ maxAgeDays: screeningSettings(db).maxAgeDays, snapshots: snaps.map((s) => ({ ...s, ...listRef(db, s, today) })) }));
    return EXIT.OK;
  }
  if (snaps.length === 0) {
    io.stdout('no screening list imported: tierline lists import consolidated.csv');
    return EXIT.OK;
  }
  for (const s of snaps) {
    const ref = listRef(db, s, today);
    io.stdout(
      `${s.active ? '*' : ' '} ${String(s.id).padStart(3)}  list of ${s.listDate}  ${s.entryCount.toLocaleString('en-US').padStart(7)} entries  ${s.format}  sha256 ${s.sha256.slice(0, 16)}…  imported ${s.importedAt.slice(0, 19)}Z  ${s.fileName}${s.active && ref.stale ? `  STALE (${ref.ageDays} days old, limit ${ref.maxAgeDays})` : ''}`,
    );
    if (s.active) io.stdout(`        ${Object.entries(s.sources).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  return EXIT.OK;
}
