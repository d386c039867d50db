// Handlers report business failures by returning err(...); HandlerError lets deep helpers do the same
// by throwing, and dispatch turns it into a Result. Anything else thrown is INTERNAL.
import type { ErrorCode, IpcError } from '../../../shared/ipc/result';

export class HandlerError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly path?: string,
    readonly details?: IpcError['details'],
  ) {
    super(message);
    this.name = 'HandlerError';
  }
}
