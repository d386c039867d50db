import type { Handlers } from './types';
import { unavailable } from './unavailable';

export const auditHandlers: Handlers<'audit.list' | 'audit.verify'> = {
  'audit.list': () => unavailable('The audit log'),
  'audit.verify': () => unavailable('The audit log'),
};
