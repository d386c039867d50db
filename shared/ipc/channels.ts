// The channel names alone, without schemas, so that the preload can list them without bundling zod.
// contract.ts is checked against this list at compile time.
export const CHANNEL_NAMES = [
  'app.info',
  'app.logError',
  'cases.list',
  'cases.get',
  'cases.create',
  'cases.update',
  'cases.import',
  'cases.export',
  'determinations.evaluate',
  'determinations.latest',
  'letters.preview',
  'letters.issue',
  'letters.list',
  'letters.register',
  'letters.pdf',
  'letters.verify',
  'letters.void',
  'letters.supersede',
  'packs.list',
  'packs.get',
  'packs.import',
  'ledger.summary',
  'shipments.record',
  'shipments.import',
  'audit.list',
  'audit.verify',
  'exports.table',
  'identity.get',
  'identity.create',
  'identity.certificate',
  'preferences.get',
  'preferences.set',
  'trust.list',
  'trust.add',
  'trust.remove',
  'files.open',
  'files.save',
  'files.print',
  'batch.plan',
  'batch.start',
  'batch.status',
  'batch.cancel',
  'batch.results',
  'batch.export',
  'batch.letters',
  'batch.lettersStatus',
  'screening.lookup',
  'screening.decide',
  'lists.status',
  'lists.import',
  // ledger rows and reversals, licenses, impact analysis (contract-ledger.ts)
  'ledger.rows',
  'ledger.imports',
  'shipments.plan',
  'shipments.reverse',
  'licenses.list',
  'licenses.get',
  'licenses.add',
  'licenses.application',
  'impact.start',
  'impact.status',
  'impact.cancel',
  'impact.report',
] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** Each contract channel travels on its own Electron IPC channel with this prefix. */
export const IPC_PREFIX = 'tierline:';

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && (CHANNEL_NAMES as readonly string[]).includes(name);
}

/** Channels whose work happens in the shell (native dialogs, printing), not in the core. */
export const SHELL_CHANNELS: readonly ChannelName[] = ['files.open', 'files.save', 'files.print'];
