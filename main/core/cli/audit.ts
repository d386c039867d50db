// tierline audit verify [--expect SEQ:HASH] [--anchor FILE] | audit anchor --out FILE | audit list [--limit N] [--json]
// `verify` walks the hash chain, recomputes every record, and reports the first bad entry (exit 1);
// --expect checks a head noted elsewhere (the one printed on a letter), --anchor a signed anchor file:
// both catch a cut-off or consistently rewritten tail. `anchor` signs the current head with the office
// key, for keeping off the machine or printing.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createAnchor, verifyAnchor } from '../audit/anchor';
import { listAudit, openDatabase, verifyAuditChain, type AuditVerification } from '../db';
import { IdentityError, loadStoredIdentity, unlockIdentity } from '../identity';
import { databasePath, resolveDataDir } from '../paths';
import { parse } from './args';
import { readPassphrase } from './letter';
import { ACTOR } from './session';
import { EXIT, type CliCommand, type CliIo } from './types';

function printVerification(io: CliIo, r: AuditVerification): void {
  if (r.ok) io.stdout(`OK: ${r.count} entries, ${r.records} records match them; head #${r.head.seq} ${r.head.hash}`);
  else if ('record' in r) {
    const entry = r.seq === null ? 'no audit entry records it' : `first bad entry #${r.seq}`;
    io.stdout(`BAD: table ${r.record.table}, record ${r.record.record}, ${entry}: ${r.reason}`);
    for (const p of r.problems.slice(1, 20)) io.stdout(`  also: ${p.reason}`);
    if (r.problems.length > 20) io.stdout(`  … and ${r.problems.length - 20} more`);
  } else io.stdout(`BAD: first bad entry #${r.seq}: ${r.reason}`);
}

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'check the hash-chained audit log and every record against it, sign an anchor of its head, or list its newest entries',
  usage: 'tierline audit verify [--expect SEQ:HASH] [--anchor FILE] [--json] | audit anchor --out FILE | audit list [--limit N] [--json] [--data-dir DIR]',
  async run(args, io) {
    const p = parse(args, { expect: { type: 'string' }, anchor: { type: 'string' }, out: { type: 'string', short: 'o' }, json: { type: 'boolean' }, limit: { type: 'string' } });
    const sub = typeof p === 'string' ? undefined : p.positionals[0];
    if (typeof p === 'string' || (sub !== 'verify' && sub !== 'list' && sub !== 'anchor') || p.positionals.length !== 1) {
      io.stderr(`usage: ${typeof p === 'string' ? p : this.usage}`);
      return EXIT.INVALID_INPUT;
    }
    let expectedHead: { seq: number; hash: string } | undefined;
    if (p.values.expect !== undefined) {
      const m = /^#?(\d+)[:\s]+([0-9a-f]{64})$/i.exec(String(p.values.expect).trim());
      if (!m) {
        io.stderr('--expect: give the head as SEQ:HASH (as printed on a letter)');
        return EXIT.INVALID_INPUT;
      }
      expectedHead = { seq: Number(m[1]), hash: m[2].toLowerCase() };
    }
    const out = p.values.out as string | undefined;
    if (sub === 'anchor' && !out) {
      io.stderr('usage: tierline audit anchor --out FILE (the signed anchor; keep it off this machine or print it)');
      return EXIT.INVALID_INPUT;
    }
    let anchorBytes: Buffer | undefined;
    if (p.values.anchor !== undefined) {
      if (sub !== 'verify') {
        io.stderr('--anchor belongs to audit verify');
        return EXIT.INVALID_INPUT;
      }
      try {
        anchorBytes = readFileSync(resolve(io.cwd, String(p.values.anchor)));
      } catch (e) {
        io.stderr(`${String(p.values.anchor)}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        return EXIT.INVALID_INPUT;
      }
    }
    const opened = openDatabase(databasePath(resolveDataDir({ flag: p.values['data-dir'] as string | undefined, env: io.env })));
    if (!opened.ok) {
      io.stderr(`${opened.error.code}: ${opened.error.message}`);
      return EXIT.FAILED;
    }
    const db = opened.value;
    try {
      if (sub === 'list') {
        const rows = listAudit(db, { limit: Number(p.values.limit ?? 50) || 50 });
        if (p.values.json) io.stdout(JSON.stringify(rows));
        else for (const e of rows) io.stdout(`#${e.seq}  ${e.at}  ${e.actor.padEnd(8)}  ${e.action.padEnd(18)}  ${e.subject}  ${e.hash.slice(0, 16)}`);
        return EXIT.OK;
      }
      if (sub === 'anchor') {
        const record = loadStoredIdentity(db);
        if (!record) {
          io.stderr('no office signing identity: create one first (tierline letter identity)');
          return EXIT.INVALID_INPUT;
        }
        const passphrase = await readPassphrase(io);
        if (passphrase === undefined) {
          io.stderr('no passphrase: set TIERLINE_PASSPHRASE or run in a terminal');
          return EXIT.INVALID_INPUT;
        }
        let identity;
        try {
          identity = unlockIdentity(record, passphrase);
        } catch (e) {
          if (e instanceof IdentityError) {
            io.stderr(`${e.code}: ${e.message}`);
            return EXIT.FAILED;
          }
          throw e;
        }
        const r = createAnchor(db, identity, { actor: ACTOR });
        if (!r.ok) {
          io.stderr(`${r.error.code}: ${r.error.message}`);
          return EXIT.FAILED;
        }
        try {
          writeFileSync(resolve(io.cwd, out!), r.value.text);
        } catch (e) {
          io.stderr(`${out}: cannot write (${(e as Error).message}); the anchor was recorded as entry #${r.value.entrySeq} but no file was kept: run audit anchor again`);
          return EXIT.FAILED;
        }
        if (p.values.json) io.stdout(JSON.stringify({ file: out, entry: r.value.entrySeq, anchor: r.value.anchor }));
        else {
          io.stdout(`anchored head #${r.value.anchor.seq} ${r.value.anchor.hash} → ${out}`);
          io.stdout(`  signed by "${r.value.anchor.office}" at ${r.value.anchor.createdAt}; keep the file off this machine or print it`);
        }
        return EXIT.OK;
      }
      if (anchorBytes) {
        const a = verifyAnchor(db, anchorBytes);
        if (p.values.json) io.stdout(JSON.stringify(a));
        else if (a.status === 'INVALID') io.stdout(`INVALID ANCHOR: ${a.reason}`);
        else if (a.status === 'BROKEN') {
          io.stdout(`BAD: ${a.reason}`);
          if (!a.chain.ok) printVerification(io, a.chain);
        } else {
          printVerification(io, a.chain);
          io.stdout(`  extends the anchor of ${a.anchor.createdAt} signed by "${a.anchor.office}" (entry #${a.anchor.seq}); ${a.after} entr${a.after === 1 ? 'y' : 'ies'} since`);
        }
        return a.status === 'EXTENDS' ? EXIT.OK : a.status === 'INVALID' ? EXIT.INVALID_INPUT : EXIT.FAILED;
      }
      const r = verifyAuditChain(db, { expectedHead });
      if (p.values.json) io.stdout(JSON.stringify(r));
      else printVerification(io, r);
      return r.ok ? EXIT.OK : EXIT.FAILED;
    } finally {
      db.close();
    }
  },
};
