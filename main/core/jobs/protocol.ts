// What the core's main thread and a job worker say to each other. A long job (a batch of order lines, an
// impact analysis, a screening-list or shipment-history import) runs in a worker_threads Worker with a
// connection of its own to the same WAL database file, so the thread that answers the window (IPC, or
// HTTP under `tierline serve`) never runs it: status, progress and cancel are answered while it works.
//
// Everything crossing the boundary is structured-clone data, received in one task on the main thread:
// so a batch's determinations (5 KB each) do not cross at all. The worker stored them; the JSON export
// reads them back by id (receiving 10,000 of them would block the main thread for 100-200 ms).
import type { CoreRuntime } from '../runtime';
import type { BatchProgress } from '../batch/run';
import type { BatchResultLine } from '../batch/run';
import type { BatchSummaryInput, BatchTimings } from '../batch';
import type { BatchPlanView } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import type { ImpactProgress, ImpactReport } from '../services/impact';

export interface OrderBookInput {
  fileName: string;
  bytes: Uint8Array;
  columns?: Record<string, string | null>;
  sheet?: string;
}

export type Task =
  | ({ kind: 'batch.plan' } & OrderBookInput)
  | ({ kind: 'batch.run'; skipInvalid: boolean } & OrderBookInput)
  | { kind: 'impact'; fileName: string; bytes: Uint8Array; listDate?: string }
  | { kind: 'lists.import'; fileName: string; bytes: Uint8Array; date?: string }
  | { kind: 'shipments.import'; fileName: string; text: string };

export interface WorkerInput {
  task: Task;
  runtime: CoreRuntime;
  dbPath: string;
  sqliteBinding?: string;
  actor: string;
  today: string;
}

/** One case of a finished batch as the main thread keeps it for results and exports. */
export interface BatchCaseOut {
  reference: string | null;
  rows: number[];
  sha256: string;
  caseId: number | null;
  determinationId: number | null;
}

export type BatchRunOut =
  | { status: 'done'; plan: BatchSummaryInput; lines: BatchResultLine[]; cases: BatchCaseOut[]; stored: boolean; timings: BatchTimings }
  | { status: 'cancelled' }
  | { status: 'refused'; message: string };

/** What a task answers at the end (the worker's `result` message). */
export interface TaskResults {
  'batch.plan': Result<BatchPlanView>;
  'batch.run': BatchRunOut;
  impact: ImpactReport | null;
  'lists.import': Result<{ snapshotId: number }>;
  'shipments.import': Result<{ count: number }>;
}

/** What a task says before its end: a batch once its file is planned, an impact run once its candidate is verified. */
export interface TaskStarts {
  'batch.run': Result<{ validLines: number }>;
  impact: Result<{ candidate: string }>;
}

export type Progress = BatchProgress | ImpactProgress;

export type FromWorker =
  | { type: 'started'; value: unknown }
  | { type: 'progress'; value: Progress }
  | { type: 'result'; value: unknown }
  | { type: 'failed'; message: string; stack?: string };

export type ToWorker = { type: 'cancel' };
