// A pool of worker threads that evaluates a stream of cases on every core. Each worker verifies the
// packs itself and reads the ledger through its own read-only connection (WAL lets readers run beside
// the writer); the main thread keeps the single writing connection.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Case } from '../../../shared/domain/case';
import type { FieldError } from '../../../shared/domain/issues';
import type { DeterminationFacts } from '../db/determinations-repo';

export interface PoolWorkerData {
  packTexts: string[];
  trustDir: string;
  dbFile: string | null;
}

export interface PoolRequest {
  id: number;
  docs: unknown[];
}

export type PoolResult =
  | { ok: true; doc: Case; text: string; sha: string; detText: string; facts: DeterminationFacts }
  | { ok: false; errors: FieldError[] };

export interface PoolResponse {
  id: number;
  results: PoolResult[];
}

export interface EvaluatorPool {
  size: number;
  /** Evaluates the documents (in order); nothing is stored. */
  evaluate(docs: readonly unknown[]): Promise<PoolResult[]>;
  close(): Promise<void>;
}

export function createEvaluatorPool(opts: { packTexts: string[]; trustDir: string; dbFile?: string | null; size?: number }): EvaluatorPool {
  const size = Math.max(1, opts.size ?? availableParallelism());
  // Running from TypeScript sources (tsx), the worker starts from a small .mjs that registers tsx in
  // its thread; a bundled build ships evaluate-worker.js beside this module.
  const fromSources = import.meta.url.endsWith('.ts');
  const url = new URL(fromSources ? './evaluate-worker.dev.mjs' : './evaluate-worker.js', import.meta.url);
  const workerData: PoolWorkerData = { packTexts: opts.packTexts, trustDir: opts.trustDir, dbFile: opts.dbFile ?? null };
  const workers = Array.from({ length: size }, () => new Worker(url, { workerData }));
  const pending = new Map<number, (r: PoolResult[]) => void>();
  let failure: Error | null = null;
  for (const w of workers) {
    w.on('message', (res: PoolResponse) => {
      const done = pending.get(res.id);
      pending.delete(res.id);
      done?.(res.results);
    });
    w.on('error', (e) => {
      failure = e;
      for (const [, done] of pending) done([]);
      pending.clear();
    });
  }
  let nextId = 1;
  const run = (w: Worker, docs: unknown[]) =>
    new Promise<PoolResult[]>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      w.postMessage({ id, docs } satisfies PoolRequest);
    });
  return {
    size,
    async evaluate(docs) {
      if (failure) throw failure;
      const per = Math.ceil(docs.length / size);
      const parts = await Promise.all(workers.map((w, i) => (i * per < docs.length ? run(w, docs.slice(i * per, (i + 1) * per) as unknown[]) : Promise.resolve([]))));
      if (failure) throw failure;
      return parts.flat();
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
