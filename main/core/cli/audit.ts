// tierline audit verify [--expect SEQ:HASH] | audit list [--limit N] [--json]
// `verify` walks the hash chain and reports the first bad entry (exit 1); --expect also checks a head
// noted elsewhere, e.g. the one printed on a letter, which catches a cut-off tail.
import { listAudit, openDatabase, verifyAuditChain } from '../db';
import { databasePath, resolveDataDir } from '../paths';
import { parse } from './args';
import { EXIT, type CliCommand } from './types';

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'check the hash-chained audit log (reports the first bad entry), or list its newest entries',
  usage: 'tierline audit verify [--expect SEQ:HASH] [--json] | audit list [--limit N] [--json] [--data-dir DIR]',
  async run(args, io) {
    const p = parse(args, { expect: { type: 'string' }, json: { type: 'boolean' }, limit: { type: 'string' } });
    const sub = typeof p === 'string' ? undefined : p.positionals[0];
    if (typeof p === 'string' || (sub !== 'verify' && sub !== 'list') || p.positionals.length !== 1) {
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
      const r = verifyAuditChain(db, { expectedHead });
      if (p.values.json) io.stdout(JSON.stringify(r));
      else if (r.ok) io.stdout(`OK: ${r.count} entries, ${r.records} records match them; head #${r.head.seq} ${r.head.hash}`);
      else if ('record' in r) {
        const entry = r.seq === null ? 'no audit entry records it' : `first bad entry #${r.seq}`;
        io.stdout(`BAD: table ${r.record.table}, record ${r.record.record}, ${entry}: ${r.reason}`);
        for (const p of r.problems.slice(1, 20)) io.stdout(`  also: ${p.reason}`);
        if (r.problems.length > 20) io.stdout(`  … and ${r.problems.length - 20} more`);
      } else io.stdout(`BAD: first bad entry #${r.seq}: ${r.reason}`);
      return r.ok ? EXIT.OK : EXIT.FAILED;
    } finally {
      db.close();
    }
  },
};
