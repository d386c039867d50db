// dispatch(channel, raw, ctx): the single entry point behind IPC (and the e2e bridge). It validates the
// payload against the contract, runs the channel's handler, checks the answer against the contract too,
// and never throws: business failures are Results, anything unexpected becomes INTERNAL (logged).
import { contract, type Channel } from '../../../shared/ipc/contract';
import { isChannelName } from '../../../shared/ipc/channels';
import { err, ok, type Result } from '../../../shared/ipc/result';
import { formatIssues } from '../../../shared/domain/issues';
import { plainWords } from '../../../shared/ipc/plain-words';
import type { HandlerContext } from './context';
import { HandlerError } from './errors';
import type { Handler, Handlers } from './types';
import type { letterHandlers as LetterHandlers } from './letters';
import type { batchLetterHandlers as BatchLetterHandlers } from './batch-letters';
import type { settingsHandlers as SettingsHandlers } from './settings';
import type { auditHandlers as AuditHandlers } from './audit';
import { appHandlers } from './app';
import { caseHandlers } from './cases';
import { determinationHandlers } from './determinations';
import { packHandlers } from './packs';
import { ledgerHandlers } from './ledger';
import { batchHandlers } from './batch';
import { screeningHandlers } from './screening';
import { shipmentHandlers } from './shipments';
import { licenseHandlers } from './licenses';
import { impactHandlers } from './impact';
import { exportHandlers } from './exports';

// Letters, the signing identity, the trust list and the audit anchors need the CMS/X.509 code
// (main/core/letters/asn1.ts patches asn1js and declares its schema classes at load; the @peculiar
// packages, node-forge, pdfkit and qrcode behind them cost hundreds of milliseconds). Their handlers are
// loaded on their first call, behind a dynamic import, so starting the core and showing the case list
// loads none of it (test/unit/handlers/lazy-start.test.ts). The channel lists are checked against the
// modules' own by the types below.
function lazyHandlers<C extends Channel>(channels: readonly C[], load: () => Promise<Handlers<C>>): Handlers<C> {
  let loaded: Promise<Handlers<C>> | undefined;
  const out: Partial<Record<C, Handler<C>>> = {};
  for (const c of channels) {
    out[c] = async (input, ctx) => {
      const handlers = await (loaded ??= load());
      return (handlers[c] as Handler<C>)(input, ctx);
    };
  }
  return out as Handlers<C>;
}

type LetterChannel = keyof typeof LetterHandlers;
type BatchLetterChannel = keyof typeof BatchLetterHandlers;
type SettingsChannel = keyof typeof SettingsHandlers;
type AuditChannel = keyof typeof AuditHandlers;

const letterHandlers = lazyHandlers<LetterChannel>(
  ['letters.preview', 'letters.issue', 'letters.supersede', 'letters.list', 'letters.pdf', 'letters.void', 'letters.verify'],
  async () => (await import('./letters')).letterHandlers,
);
const batchLetterHandlers = lazyHandlers<BatchLetterChannel>(['batch.letters', 'batch.lettersStatus'], async () => (await import('./batch-letters')).batchLetterHandlers);
const settingsHandlers = lazyHandlers<SettingsChannel>(
  ['preferences.get', 'preferences.set', 'identity.get', 'identity.create', 'identity.certificate', 'trust.list', 'trust.add', 'trust.remove'],
  async () => (await import('./settings')).settingsHandlers,
);
const auditHandlers = lazyHandlers<AuditChannel>(['audit.list', 'audit.verify'], async () => (await import('./audit')).auditHandlers);

export type { HandlerContext, PlatformServices } from './context';
export { headlessPlatform, localToday } from './context';
export { closeResources } from './resources';

const table: Handlers<Channel> = {
  ...appHandlers,
  ...caseHandlers,
  ...determinationHandlers,
  ...letterHandlers,
  ...packHandlers,
  ...ledgerHandlers,
  ...auditHandlers,
  ...settingsHandlers,
  ...batchHandlers,
  ...batchLetterHandlers,
  ...screeningHandlers,
  ...shipmentHandlers,
  ...licenseHandlers,
  ...impactHandlers,
  ...exportHandlers,
};

export const INTERNAL_MESSAGE =
  'Something went wrong inside Tierline. Nothing was changed by the failed step. Try again; if it happens again, send the log file from the data folder to support.';

function safeLog(ctx: HandlerContext, channel: string, e: unknown): void {
  try {
    ctx.logError(channel, e);
  } catch {
    // logging must never turn a Result into a throw
  }
}

export async function dispatch(channel: unknown, raw: unknown, ctx: HandlerContext): Promise<Result<unknown>> {
  const name = typeof channel === 'string' ? channel.slice(0, 100) : String(typeof channel);
  try {
    if (!isChannelName(channel)) return err('UNKNOWN_CHANNEL', `"${name}" is not a Tierline channel.`);
    const spec = contract[channel];
    const parsed = spec.input.safeParse(raw === undefined ? {} : raw);
    if (!parsed.success) {
      const issues = formatIssues(parsed.error, spec.input, raw).map((i) => ({ path: i.path, message: plainWords(i.message) }));
      const first = issues[0] ?? { path: '$', message: 'invalid request' };
      return err('INVALID_INPUT', `${first.path}: ${first.message}`, { path: first.path, details: issues });
    }
    const handler = table[channel] as (input: unknown, ctx: HandlerContext) => Result<unknown> | Promise<Result<unknown>>;
    const result = await handler(parsed.data, ctx);
    if (!result.ok) return result;
    const checked = spec.output.safeParse(result.value);
    if (!checked.success) {
      const issues = formatIssues(checked.error).slice(0, 5);
      safeLog(ctx, channel, new Error(`answer does not match the contract: ${JSON.stringify(issues)}`));
      return err('INTERNAL', INTERNAL_MESSAGE);
    }
    return ok(checked.data);
  } catch (e) {
    if (e instanceof HandlerError) return err(e.code, e.message, { path: e.path, details: e.details });
    safeLog(ctx, name, e);
    return err('INTERNAL', INTERNAL_MESSAGE);
  }
}
