// tierline evaluate FILE… [--json] [--mode as_written|enforced]
import type { Case, EvaluationMode } from '../../../shared/domain/case';
import { EvaluationMode as ModeSchema } from '../../../shared/domain/case';
import { evaluateAndRecord, parseCaseText } from '../services/evaluate';
import { activePacks } from '../services/packs';
import { parse } from './args';
import { summarize } from './format';
import { ACTOR, readTextInput, withSession } from './session';
import { EXIT, type CliCommand } from './types';

export const evaluateCommand: CliCommand = {
  name: 'evaluate',
  summary: 'evaluate case files in both modes (or one) and record the determinations',
  usage: 'tierline evaluate FILE… [--json] [--mode as_written|enforced] [--data-dir DIR]',
  async run(args, io) {
    const p = parse(args, { json: { type: 'boolean' }, mode: { type: 'string' } });
    if (typeof p === 'string') {
      io.stderr(`usage: ${p}`);
      return EXIT.INVALID_INPUT;
    }
    if (p.positionals.length === 0) {
      io.stderr(`usage: ${this.usage}`);
      return EXIT.INVALID_INPUT;
    }
    let mode: EvaluationMode | undefined;
    if (p.values.mode !== undefined) {
      const m = ModeSchema.safeParse(p.values.mode);
      if (!m.success) {
        io.stderr(`--mode: expected as_written or enforced, got ${JSON.stringify(p.values.mode)}`);
        return EXIT.INVALID_INPUT;
      }
      mode = m.data;
    }
    const dataDir = p.values['data-dir'] as string | undefined;
    return withSession(io, dataDir, (db) => {
      let code: number = EXIT.OK;
      const packs = activePacks(db);
      for (const file of p.positionals) {
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
        if (p.values.json) io.stdout(JSON.stringify(r.value.determination));
        else {
          for (const line of summarize(file, raw.value as Case, r.value.determination, r.value.hints, r.value.caseId)) io.stdout(line);
          io.stdout('');
        }
      }
      return code;
    });
  },
};
