// tierline packs list | verify FILE… | import FILE… | deactivate ID VERSION --reason TEXT
import type { Command } from 'commander';
import { activePackRecord, deactivatePack, latestPack, listPacks, type Db } from '../db';
import { admitPack, packTextOutOfBounds, verifyPackText } from '../rulepacks';
import { importPackText, packTrust } from '../services/packs';
import { ACTOR, openSession, readTextInput, withSession } from './session';
import { EXIT, optsOf, type CliContext, type CliIo } from './types';

function verifyFiles(db: Db | null, files: string[], json: boolean, io: CliIo): number {
  let code: number = EXIT.OK;
  for (const file of files) {
    const text = readTextInput(io, file);
    if (text === null) {
      code = Math.max(code, EXIT.INVALID_INPUT);
      continue;
    }
    let id: string | undefined;
    try {
      // an out-of-bounds text is refused by the verifier before it parses; never parse it here
      if (!packTextOutOfBounds(text)) id = (JSON.parse(text) as { id?: string }).id;
    } catch {
      /* reported by the verifier */
    }
    const inst = db && typeof id === 'string' ? latestPack(db, id) : null;
    const verified = verifyPackText(text, { trust: packTrust(), installed: inst ? { version: inst.version, sha256: inst.sha256 } : null });
    // what import would refuse (the engine cannot use the pack) verify reports too
    const refused = verified.ok && inst?.sha256 !== verified.pack.sha256 ? admitPack(verified.pack, { today: new Date().toISOString().slice(0, 10) }) : null;
    const v = refused ? { ok: false as const, error: refused } : verified;
    if (!v.ok) {
      if (json) io.stdout(JSON.stringify({ file, status: 'INVALID', code: v.error.code, message: v.error.message, errors: v.error.errors ?? [] }));
      io.stderr(`${file}: ${v.error.code}: ${v.error.message}`);
      for (const e of v.error.errors ?? []) io.stderr(`${file}: ${e.path}: ${e.message}`);
      code = Math.max(code, EXIT.NEGATIVE);
    } else if (json) io.stdout(JSON.stringify({ file, status: 'VALID', id: v.pack.body.id, version: v.pack.body.version, mode: v.pack.body.mode, sha256: v.pack.sha256, keyId: v.pack.keyId }));
    else io.stdout(`${file}: VALID  ${v.pack.body.id} v${v.pack.body.version} (${v.pack.body.mode})  sha256 ${v.pack.sha256}  signed by ${v.pack.keyId}`);
  }
  return code;
}

export function register(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  const packs = program.command('packs').summary('list installed rule packs, verify or import a signed pack file').description('Rule packs: the signed, versioned statements of the rules each mode applies (docs/rule-packs.md).');

  packs
    .command('list')
    .summary('list the installed rule packs')
    .option('--json', 'one JSON array')
    .action(
      ctx.action((_o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        return withSession(
          io,
          o.dataDir,
          (db) => {
            const rows = listPacks(db);
            const active = new Map(rows.map((k) => [k.id, activePackRecord(db, k.id)?.version ?? null]));
            if (o.json) io.stdout(JSON.stringify(rows.map((k) => ({ ...k, active: active.get(k.id) === k.version }))));
            else
              for (const k of rows) {
                const state = k.deactivated ? `deactivated ${k.deactivated.at} (${k.deactivated.reason})` : active.get(k.id) === k.version ? 'active' : 'superseded';
                io.stdout(`${k.id}  v${k.version}  ${k.mode.padEnd(10)}  issued ${k.issued}  sha256 ${k.sha256}  key ${k.keyId}  imported ${k.importedAt}  ${state}`);
              }
            return EXIT.OK;
          },
          { readonly: true },
        );
      }),
    );

  packs
    .command('verify')
    .summary('check pack files: signature by a trusted key, schema, not older than the installed one')
    .argument('<files...>', 'signed pack files (- for standard input)')
    .option('--json', 'one line per file {file, status, …}')
    .action(
      ctx.action((files: string[], _o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        // Read-only, and usable without a store: then there is no installed version to compare with.
        const session = openSession(o.dataDir, io, { readonly: true });
        if (typeof session === 'string') return verifyFiles(null, files, Boolean(o.json), io);
        try {
          return verifyFiles(session.db, files, Boolean(o.json), io);
        } finally {
          session.close();
        }
      }),
    );

  packs
    .command('deactivate')
    .summary('take an installed pack version out of use (audited); the previous version becomes active')
    .description(
      'Deactivates one installed version of a rule pack, with the reason, in the audit log. Evaluations use the newest version still active. The version stays stored and the version counter is not lowered, so importing an older version is still refused (rollback); import a corrected newer version to move on.',
    )
    .argument('<id>', 'pack id (see tierline packs list)')
    .argument('<version>', 'the version to deactivate')
    .requiredOption('--reason <text>', 'why the version is taken out of use (kept in the audit log)')
    .option('--json', 'one JSON object {id, version, reason, deactivatedAt, fallback}')
    .action(
      ctx.action((id: string, versionText: string, _o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        const version = Number(versionText);
        if (!/^[1-9][0-9]*$/.test(versionText) || !Number.isSafeInteger(version)) {
          io.stderr(`version: expected a whole number such as 3, not ${JSON.stringify(versionText)}`);
          return EXIT.USAGE;
        }
        return withSession(io, o.dataDir, (db) => {
          const r = deactivatePack(db, { id, version, reason: String(o.reason ?? '') }, { actor: ACTOR });
          if (!r.ok) {
            io.stderr(`${r.error.code}: ${r.error.message}`);
            return r.error.code === 'NOT_FOUND' || r.error.code === 'CONFLICT' ? EXIT.NEGATIVE : EXIT.INVALID_INPUT;
          }
          if (o.json) io.stdout(JSON.stringify(r.value));
          else io.stdout(`deactivated ${id} v${version}; ${id} v${r.value.fallback.version} is now active (sha256 ${r.value.fallback.sha256})`);
          return EXIT.OK;
        });
      }),
    );

  packs
    .command('import')
    .summary('verify and install signed pack files')
    .argument('<files...>', 'signed pack files (- for standard input)')
    .option('--json', 'one line per installed file {file, id, version, sha256, created}')
    .action(
      ctx.action((files: string[], _o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        return withSession(io, o.dataDir, (db) => {
          let code: number = EXIT.OK;
          for (const file of files) {
            const text = readTextInput(io, file);
            if (text === null) {
              code = EXIT.INVALID_INPUT;
              continue;
            }
            const r = importPackText(db, text, { actor: ACTOR });
            if (!r.ok) {
              io.stderr(`${file}: ${r.error.code}: ${r.error.message}`);
              for (const e of r.error.errors ?? []) io.stderr(`${file}: ${e.path}: ${e.message}`);
              code = EXIT.INVALID_INPUT;
            } else if (o.json) io.stdout(JSON.stringify({ file, ...r.value }));
            else io.stdout(`${file}: ${r.value.created ? 'imported' : 'already installed'} ${r.value.id} v${r.value.version} sha256 ${r.value.sha256}`);
          }
          return code;
        });
      }),
    );
}
