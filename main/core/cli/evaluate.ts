// tierline evaluate FILE… [--json] [--mode as_written|enforced]
import type { Command } from 'commander';
import type { Case, EvaluationMode } from '../../../shared/domain/case';
import { EvaluationMode as ModeSchema } from '../../../shared/domain/case';
import { evaluateAndRecord, parseCaseText } from '../services/evaluate';
import { activePacks } from '../services/packs';
import { summarize } from './format';
import { ACTOR, readTextInput, withSession } from './session';
import { EXIT, optsOf, type CliContext } from './types';

export function register(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  program
    .command('evaluate')
    .summary('evaluate case files in both modes (or one) and record the determinations')
    .description('Evaluate each case file (JSON, - for standard input) under the rule packs in force, in both modes unless --mode names one, and record the case and its determination.')
    .argument('<files...>', 'case documents (docs/case-format.md)')
    .option('--json', 'one determination document per line, in the order of the files')
    .option('--mode <mode>', 'only this mode: as_written or enforced')
    .action(
      ctx.action(async (files: string[], _o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        let mode: EvaluationMode | undefined;
        if (o.mode !== undefined) {
          const m = ModeSchema.safeParse(o.mode);
          if (!m.success) {
            io.stderr(`--mode: expected as_written or enforced, got ${JSON.stringify(o.mode)}`);
            return EXIT.USAGE;
          }
          mode = m.data;
        }
        return withSession(io, o.dataDir, (db) => {
          let code: number = EXIT.OK;
          const packs = activePacks(db);
          for (const file of files) {
            const text = readTextInput(io, file);
            if (text === null) {
              code = EXIT.INVALID_INPUT;
              continue;
            }
            const raw = parseCaseText(text);
            if (!raw.ok) {
              for (const e of raw.errors) io.stderr(`${file}: ${e.path}: ${e.message}`);
              code = EXIT.INVALID_INPUT;
              continue;
            }
            const r = evaluateAndRecord(db, raw.value, { actor: ACTOR, packs, mode });
            if (!r.ok) {
              for (const e of r.error.errors) io.stderr(`${file}: ${e.path}: ${e.message}`);
              code = EXIT.INVALID_INPUT;
              continue;
            }
            if (o.json) io.stdout(JSON.stringify(r.value.determination));
            else {
              for (const line of summarize(file, raw.value as Case, r.value.determination, r.value.hints, r.value.caseId)) io.stdout(line);
              io.stdout('');
            }
          }
          return code;
        });
      }),
    );
}
