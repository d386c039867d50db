// Every IPC call answers with a Result: business failures are values, so nothing throws across the
// boundary between the page and the core.
import { z } from 'zod';

export const ErrorCode = z.enum([
  /** The payload did not match the contract, or a document (case, pack) is malformed. */
  'INVALID_INPUT',
  'NOT_FOUND',
  /** The request conflicts with stored state (e.g. voiding a letter that is already void). */
  'CONFLICT',
  /** The sender is not the app's own page. */
  'FORBIDDEN',
  /** The user dismissed a dialog. */
  'CANCELLED',
  /** A part of the core this channel needs is not installed or configured (e.g. no signing identity). */
  'UNAVAILABLE',
  'UNKNOWN_CHANNEL',
  /** Anything unexpected; the stack is logged in the main process, never shown. */
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const IpcError = z.strictObject({
  code: ErrorCode,
  message: z.string(),
  /** JSON path of the offending field ("$.items[0].quantity"), when there is one. */
  path: z.string().optional(),
  /** Further field errors, for documents with several problems. */
  details: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
});
export type IpcError = z.infer<typeof IpcError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err(code: ErrorCode, message: string, extra: { path?: string; details?: IpcError['details'] } = {}): Result<never> {
  const error: IpcError = { code, message };
  if (extra.path !== undefined) error.path = extra.path;
  if (extra.details !== undefined && extra.details.length > 0) error.details = extra.details;
  return { ok: false, error };
}

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.union([z.strictObject({ ok: z.literal(true), value }), z.strictObject({ ok: z.literal(false), error: IpcError })]);
}
