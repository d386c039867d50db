// tierline audit verify [--expect SEQ:HASH] | audit list [--limit N] [--json]
// `verify` walks the hash chain and reports the first bad entry (exit 1); --expect also checks a head
// noted elsewhere, e.g. the one printed on a letter, which catches a cut-off tail. Both only read.
import type { Command } from 'commander';
import { listAudit, verifyAuditChain } from '../db';
import { withSession } from './session';
import { EXIT, optsOf, type CliContext } from './types';

export function register(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  const audit = program.command('audit').summary('check the hash-chained audit log (reports the first bad entry), or list its newest entries').description('The append-only, hash-chained audit log of everything Tierline stored.');

  audit
    .command('verify')
    .summary('walk the hash chain and recompute every record; exit 1 at the first bad entry')
    .option('--expect <SEQ:HASH>', 'also require this head (as printed on a letter): catches a cut-off tail')
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
        return withSession(
          io,
          o.dataDir,
          (db) => {
            const r = verifyAuditChain(db, { expectedHead });
            if (o.json) io.stdout(JSON.stringify(r));
            else if (r.ok) io.stdout(`OK: ${r.count} entries, ${r.records} records match them; head #${r.head.seq} ${r.head.hash}`);
            else if ('record' in r) {
              const entry = r.seq === null ? 'no audit entry records it' : `first bad entry #${r.seq}`;
              io.stdout(`BAD: table ${r.record.table}, record ${r.record.record}, ${entry}: ${r.reason}`);
              for (const p of r.problems.slice(1, 20)) io.stdout(`  also: ${p.reason}`);
              if (r.problems.length > 20) io.stdout(`  … and ${r.problems.length - 20} more`);
            } else io.stdout(`BAD: first bad entry #${r.seq}: ${r.reason}`);
            return r.ok ? EXIT.OK : EXIT.NEGATIVE;
          },
          { readonly: true },
        );
      }),
    );

  audit
    .command('list')
    .summary('the newest entries')
    .option('--limit <n>', 'at most N entries (1 to 100000)', '50')
    .option('--json', 'one JSON array')
    .action(
      ctx.action((_o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        const limit = Number(o.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) {
          io.stderr('--limit: expected a whole number from 1 to 100000');
          return EXIT.USAGE;
        }
        return withSession(
          io,
          o.dataDir,
          (db) => {
            const rows = listAudit(db, { limit });
            if (o.json) io.stdout(JSON.stringify(rows));
            else for (const e of rows) io.stdout(`#${e.seq}  ${e.at}  ${e.actor.padEnd(8)}  ${e.action.padEnd(18)}  ${e.subject}  ${e.hash.slice(0, 16)}`);
            return EXIT.OK;
          },
          { readonly: true },
        );
      }),
    );
}
