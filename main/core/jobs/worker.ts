// A job worker's entry (see protocol.ts): opens its own connection to the store the main thread
// opened, runs the one task it was started with, reports progress and its start, answers a cancel,
// posts the result and ends. Bundled beside the shell's main process (scripts/build-main.mjs) and the
// command line (scripts/build-cli.mjs); from a checkout it runs through tsx (host.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db';
import { configureCore } from '../runtime';
import type { FromWorker, ToWorker, WorkerInput } from './protocol';
import { runTask } from './tasks';

const port = parentPort;
if (!port) throw new Error('main/core/jobs/worker.ts runs as a worker thread only');
const input = workerData as WorkerInput;
configureCore(input.runtime);
const controller = new AbortController();
const post = (m: FromWorker): void => port.postMessage(m);
const onMessage = (m: ToWorker): void => {
  if (m.type === 'cancel') controller.abort();
};
port.on('message', onMessage);

async function main(): Promise<void> {
  const opened = openDatabase(input.dbPath, { nativeBinding: input.sqliteBinding });
  if (!opened.ok) {
    post({ type: 'failed', message: `The data folder could not be opened for the job: ${opened.error.message}.` });
    return;
  }
  const db = opened.value;
  try {
    const value = await runTask(db, input.task, {
      signal: controller.signal,
      actor: input.actor,
      today: input.today,
      progress: (p) => post({ type: 'progress', value: p }),
      started: (v) => post({ type: 'started', value: v }),
    });
    post({ type: 'result', value });
  } catch (e) {
    post({ type: 'failed', message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined });
  } finally {
    // A transaction still open here (a throw between BEGIN and COMMIT) is rolled back by closing.
    if (db.open) db.close();
  }
}

void main().finally(() => {
  port.off('message', onMessage);
  port.unref();
});
