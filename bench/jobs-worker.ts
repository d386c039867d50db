// Worker of bench/jobs.ts's split: plans the whole order book on its own connection and evaluates its
// share of the cases (every `of`-th from `index`), storing nothing; answers the evaluation's time.
import { parentPort, workerData } from 'node:worker_threads';
import { readCsv } from '../main/core/batch/read';
import { mapColumns } from '../main/core/batch/mapping';
import { planBatch } from '../main/core/batch/lines';
import { runBatch } from '../main/core/batch/run';
import { openDatabaseOrThrow, productLookup } from '../main/core/db';

export interface SplitInput {
  dbPath: string;
  csv: string;
  index: number;
  of: number;
  today: string;
}

export interface SplitOutput {
  cases: number;
  evaluateMs: number;
}

if (parentPort) {
  const input = workerData as SplitInput;
  const db = openDatabaseOrThrow(input.dbPath);
  const sheet = readCsv(input.csv);
  if (!sheet.ok) throw new Error('read failed');
  const plan = planBatch(sheet.value, mapColumns(sheet.value.headers), productLookup(db));
  const cases = plan.cases.filter((_, i) => i % input.of === input.index);
  const mine = { ...plan, cases, validLines: cases.reduce((n, c) => n + c.rows.length, 0) };
  const run = await runBatch(db, mine, { actor: 'bench', store: false, today: input.today });
  db.close();
  if (run.status !== 'done') throw new Error(run.status);
  parentPort.postMessage({ cases: cases.length, evaluateMs: run.timings.evaluateMs } satisfies SplitOutput);
}
