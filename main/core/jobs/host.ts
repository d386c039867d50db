// Starts a long job in a worker thread (see protocol.ts) and gives the main thread promises for its start
// and its result, a progress callback, cancel (the task stops at its next step: nothing half-done is
// kept) and stop (the thread is terminated: an open transaction dies uncommitted, so nothing is kept
// either).
//
// Where the worker's code is: from a checkout (this file is .ts, run through tsx) worker.ts, loaded after
// registering tsx in the worker; in the shell's bundle tierline-jobs.cjs beside it (dist/main/shell/);
// in the command line's bundle dist/cli/tierline-jobs.mjs (its import.meta.url names a file in
// main/core/cli/, see scripts/build-cli.mjs).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { coreRuntime } from '../runtime';
import type { FromWorker, Progress, Task, TaskResults, TaskStarts, ToWorker, WorkerInput } from './protocol';

export interface JobOptions {
  dbPath: string;
  sqliteBinding?: string;
  actor: string;
  today: string;
  onProgress?: (p: Progress) => void;
}

type Kind = Task['kind'];

export interface JobHandle<K extends Kind> {
  /** Settles when the task says it has started (TaskStarts), or fails if it ends first. */
  started: Promise<K extends keyof TaskStarts ? TaskStarts[K] : never>;
  result: Promise<TaskResults[K]>;
  cancel(): void;
  /** Ends the thread now (the app closing). */
  stop(): void;
  threadId: number;
}

export class JobFailed extends Error {
  constructor(
    message: string,
    readonly workerStack?: string,
  ) {
    super(message);
  }
}

let entryCache: { file: string | URL; eval: boolean } | undefined;

function workerEntry(): { file: string | URL; eval: boolean } {
  if (entryCache) return entryCache;
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // Node 20 loads a worker's entry before its --import hooks run, so the entry is a small script
    // that registers tsx first (the same loader `node --import tsx` and bin/tierline.mjs use).
    // tsx/esm/api as `import` resolves it (require resolves the .cjs twin beside it).
    const api = pathToFileURL(createRequire(here).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
    const entry = new URL('./worker.ts', here).href;
    entryCache = { eval: true, file: `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });` };
    return entryCache;
  }
  for (const u of [new URL('./tierline-jobs.cjs', here), new URL('../../../dist/cli/tierline-jobs.mjs', here)]) {
    if (existsSync(fileURLToPath(u))) return (entryCache = { eval: false, file: u });
  }
  throw new Error(`the job worker is not beside ${here}: build it (npm run build:main / build:cli)`);
}

export function startJob<K extends Kind>(task: Extract<Task, { kind: K }>, opts: JobOptions): JobHandle<K> {
  const entry = workerEntry();
  const data: WorkerInput = { task, runtime: { ...coreRuntime() }, dbPath: opts.dbPath, sqliteBinding: opts.sqliteBinding, actor: opts.actor, today: opts.today };
  const worker = new Worker(entry.file, { eval: entry.eval, workerData: data, stdout: false, stderr: false });
  let startedSettled = false;
  let resultSettled = false;
  let resolveStarted!: (v: never) => void;
  let rejectStarted!: (e: Error) => void;
  let resolveResult!: (v: TaskResults[K]) => void;
  let rejectResult!: (e: Error) => void;
  const started = new Promise<never>((res, rej) => {
    resolveStarted = res;
    rejectStarted = rej;
  });
  const result = new Promise<TaskResults[K]>((res, rej) => {
    resolveResult = res;
    rejectResult = rej;
  });
  // A task without a start never settles `started`; no unhandled rejection for those who do not ask.
  started.catch(() => {});
  const fail = (e: Error): void => {
    if (!startedSettled) {
      startedSettled = true;
      rejectStarted(e);
    }
    if (!resultSettled) {
      resultSettled = true;
      rejectResult(e);
    }
  };
  worker.on('message', (m: FromWorker) => {
    if (m.type === 'progress') opts.onProgress?.(m.value);
    else if (m.type === 'started') {
      if (!startedSettled) {
        startedSettled = true;
        resolveStarted(m.value as never);
      }
    } else if (m.type === 'result') {
      if (!resultSettled) {
        resultSettled = true;
        resolveResult(m.value as TaskResults[K]);
      }
      if (!startedSettled) {
        startedSettled = true;
        rejectStarted(new JobFailed('the job ended without starting'));
      }
    } else if (m.type === 'failed') fail(new JobFailed(m.message, m.stack));
  });
  worker.on('error', (e) => fail(e instanceof Error ? e : new Error(String(e))));
  worker.on('exit', (code) => fail(new JobFailed(`the job's thread ended (exit code ${code}) without an answer`)));
  return {
    started: started as JobHandle<K>['started'],
    result,
    cancel: () => worker.postMessage({ type: 'cancel' } satisfies ToWorker),
    stop: () => {
      void worker.terminate();
    },
    threadId: worker.threadId,
  };
}
