// tierline audit verify [--expect SEQ:HASH] [--anchor FILE] | audit anchor --out FILE | audit list [--limit N] [--json] [--out F]
// | audit export --out FILE.csv|.xlsx [--group G] [--search S] [--from D] [--to D]
// `verify` walks the hash chain, recomputes every record, and reports the first bad entry (exit 1);
// --expect checks a head noted elsewhere (the one printed on a letter), --anchor a signed anchor file:
// both catch a cut-off or consistently rewritten tail. `anchor` signs the current head with the office
// key, for keeping off the machine or printing. verify and list only read.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { createAnchor, verifyAnchor } from '../audit/anchor';
import { listAudit, verifyAuditChain, type AuditVerification, type Db } from '../db';
import { IdentityError, loadStoredIdentity, unlockIdentity } from '../identity';
import { officePassphrase, PASSPHRASE_FILE } from './secrets';
import { ACTOR, readBytesOrReport, withSession } from './session';
import { EXIT, optsOf, type CliContext, type CliIo } from './types';
import { auditTable } from '../exports/registers';
import { isValidIsoDate } from '../../../shared/domain/dates';
import { OUT_OPTION, outFormat, writeTableOut } from './table-out';

function printVerification(io: CliIo, r: AuditVerification): void {
  if (r.ok) io.stdout(`OK: ${r.count} entries, ${r.records} records match them; head #${r.head.seq} ${r.head.hash}`);
  else if ('record' in r) {
    const entry = r.seq === null ? 'no audit entry records it' : `first bad entry #${r.seq}`;
    io.stdout(`BAD: table ${r.record.table}, record ${r.record.record}, ${entry}: ${r.reason}`);
    for (const p of r.problems.slice(1, 20)) io.stdout(`  also: ${p.reason}`);
    if (r.problems.length > 20) io.stdout(`  … and ${r.problems.length - 20} more`);
  } else io.stdout(`BAD: first bad entry #${r.seq}: ${r.reason}`);
}

function checkAnchor(db: Db, bytes: Buffer, json: boolean, io: CliIo): number {
  const a = verifyAnchor(db, bytes);
  if (json) io.stdout(JSON.stringify(a));
  else if (a.status === 'INVALID') io.stdout(`INVALID ANCHOR: ${a.reason}`);
  else if (a.status === 'BROKEN') {
    io.stdout(`BAD: ${a.reason}`);
    if (!a.chain.ok) printVerification(io, a.chain);
  } else {
    printVerification(io, a.chain);
    io.stdout(`  extends the anchor of ${a.anchor.createdAt} signed by "${a.anchor.office}" (entry #${a.anchor.seq}); ${a.after} entr${a.after === 1 ? 'y' : 'ies'} since`);
  }
  return a.status === 'EXTENDS' ? EXIT.OK : a.status === 'INVALID' ? EXIT.INVALID_INPUT : EXIT.NEGATIVE;
}

async function anchor(db: Db, out: string, passphraseFile: string | undefined, json: boolean, io: CliIo): Promise<number> {
  const record = loadStoredIdentity(db);
  if (!record) {
    io.stderr('no office signing identity: create one first (tierline letter identity)');
    return EXIT.INVALID_INPUT;
  }
  const passphrase = await officePassphrase(io, passphraseFile);
  if (typeof passphrase === 'number') return passphrase;
  let identity;
  try {
    identity = unlockIdentity(record, passphrase);
  } catch (e) {
    if (e instanceof IdentityError) {
      io.stderr(`${e.code}: ${e.message}`);
      return EXIT.NEGATIVE;
    }
    throw e;
  }
  const r = createAnchor(db, identity, { actor: ACTOR });
  if (!r.ok) {
    io.stderr(`${r.error.code}: ${r.error.message}`);
    return EXIT.NEGATIVE;
  }
  try {
    writeFileSync(resolve(io.cwd, out), r.value.text);
  } catch (e) {
    io.stderr(`${out}: cannot write (${(e as Error).message}); the anchor was recorded as entry #${r.value.entrySeq} but no file was kept: run audit anchor again`);
    return EXIT.STORE;
  }
  if (json) io.stdout(JSON.stringify({ file: out, entry: r.value.entrySeq, anchor: r.value.anchor }));
  else {
    io.stdout(`anchored head #${r.value.anchor.seq} ${r.value.anchor.hash} → ${out}`);
    io.stdout(`  signed by "${r.value.anchor.office}" at ${r.value.anchor.createdAt}; keep the file off this machine or print it`);
  }
  return EXIT.OK;
}

export function register(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  const audit = program
    .command('audit')
    .summary('check the hash-chained audit log and every record against it, sign an anchor of its head, or list its newest entries')
    .description('The append-only, hash-chained audit log of everything Tierline stored.');

  audit
    .command('verify')
    .summary('walk the hash chain and recompute every record; exit 1 at the first bad entry')
    .option('--expect <SEQ:HASH>', 'also require this head (as printed on a letter): catches a cut-off tail')
    .option('--anchor <file>', 'also require the log to extend this signed anchor (from audit anchor; - for standard input)')
    .option('--json', 'the result as one JSON document')
    .action(
      ctx.action((_o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        let expectedHead: { seq: number; hash: string } | undefined;
        if (o.expect !== undefined) {
          const m = /^#?(\d+)[:\s]+([0-9a-f]{64})$/i.exec(String(o.expect).trim());
          if (!m) {
            io.stderr('--expect: give the head as SEQ:HASH (as printed on a letter)');
            return EXIT.USAGE;
          }
          expectedHead = { seq: Number(m[1]), hash: m[2].toLowerCase() };
        }
        let anchorBytes: Buffer | undefined;
        if (o.anchor !== undefined) {
          anchorBytes = readBytesOrReport(io, String(o.anchor)) ?? undefined;
          if (!anchorBytes) return EXIT.INVALID_INPUT;
        }
        return withSession(
          io,
          o.dataDir,
          (db) => {
            if (anchorBytes) return checkAnchor(db, anchorBytes, Boolean(o.json), io);
            const r = verifyAuditChain(db, { expectedHead });
            if (o.json) io.stdout(JSON.stringify(r));
            else printVerification(io, r);
            return r.ok ? EXIT.OK : EXIT.NEGATIVE;
          },
          { readonly: true },
        );
      }),
    );

  audit
    .command('anchor')
    .summary("sign the current head with the office key, to keep off this machine or print (audit verify --anchor checks it)")
    .requiredOption('-o, --out <file>', 'where to write the signed anchor (JSON)')
    .option(...PASSPHRASE_FILE)
    .option('--json', 'the result {file, entry, anchor} as JSON')
    .action(
      ctx.action((_o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        return withSession(io, o.dataDir, (db) => anchor(db, String(o.out), o.passphraseFile as string | undefined, Boolean(o.json), io));
      }),
    );

  audit
    .command('list')
    .summary('the newest entries')
    .option('--limit <n>', 'at most N entries (1 to 100000)', '50')
    .option('--json', 'one JSON array')
    .option(...OUT_OPTION)
    .action(
      ctx.action((_o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        const limit = Number(o.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) {
          io.stderr('--limit: expected a whole number from 1 to 100000');
          return EXIT.USAGE;
        }
        const out = o.out as string | undefined;
        if (out !== undefined && !outFormat(io, out)) return EXIT.USAGE;
        return withSession(
          io,
          o.dataDir,
          (db) => {
            if (out !== undefined) return writeTableOut(io, out, auditTable(db), Boolean(o.json));
            const rows = listAudit(db, { limit });
            if (o.json) io.stdout(JSON.stringify(rows));
            else for (const e of rows) io.stdout(`#${e.seq}  ${e.at}  ${e.actor.padEnd(8)}  ${e.action.padEnd(18)}  ${e.subject}  ${e.hash.slice(0, 16)}`);
            return EXIT.OK;
          },
          { readonly: true },
        );
      }),
    );

  audit
    .command('export')
    .summary('write the audit log as CSV or XLSX (plain action names, typed cells)')
    .requiredOption('--out <file>', 'FILE.csv or FILE.xlsx')
    .option('--group <name>', 'only actions of this group (case, letter, pack, shipment, key, trust, audit, product, list, screening, license, batch, store)')
    .option('--search <text>', 'only entries whose subject, actor or details contain TEXT')
    .option('--from <date>', 'only entries on or after this day (YYYY-MM-DD, UTC)')
    .option('--to <date>', 'only entries on or before this day (YYYY-MM-DD, UTC)')
    .option('--json', 'one JSON line {out, format, rows}')
    .action(
      ctx.action((_o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        const out = String(o.out);
        if (!outFormat(io, out)) return EXIT.USAGE;
        for (const k of ['from', 'to'] as const) {
          const v = o[k] as string | undefined;
          if (v !== undefined && !isValidIsoDate(v)) {
            io.stderr(`--${k}: expected a calendar date written YYYY-MM-DD, got "${v}"`);
            return EXIT.USAGE;
          }
        }
        const group = o.group as string | undefined;
        if (group !== undefined && !/^[a-z]+$/.test(group)) {
          io.stderr(`--group: expected one word such as case, letter or shipment, got "${group}"`);
          return EXIT.USAGE;
        }
        const filter = { group, search: o.search as string | undefined, dateFrom: o.from as string | undefined, dateTo: o.to as string | undefined };
        return withSession(io, o.dataDir, (db) => writeTableOut(io, out, auditTable(db, filter), Boolean(o.json)), { readonly: true });
      }),
    );
}
