import type { Handlers } from './types';
import { unavailable } from './unavailable';

export const ledgerHandlers: Handlers<'ledger.summary'> = {
  'ledger.summary': () => unavailable('The ledger'),
};
