// What a handler gives a job worker (main/core/jobs/host.ts): the store's file, opened (migrated, built-in
// packs installed) on this thread first, and who acts on which day.
import type { JobOptions } from '../jobs/host';
import type { Progress } from '../jobs/protocol';
import { databasePath } from '../paths';
import type { HandlerContext } from './context';
import { storeOf } from './store';

export function jobOptions(ctx: HandlerContext, onProgress?: (p: Progress) => void): JobOptions {
  storeOf(ctx);
  return { dbPath: databasePath(ctx.dataDir), sqliteBinding: ctx.sqliteBinding, actor: ctx.actor, today: ctx.today(), onProgress };
}
