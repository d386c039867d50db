import type { Handlers } from './types';
import { unavailable } from './unavailable';

export const packHandlers: Handlers<'packs.list' | 'packs.get' | 'packs.import'> = {
  'packs.list': () => unavailable('Rule pack management'),
  'packs.get': () => unavailable('Rule pack management'),
  'packs.import': () => unavailable('Rule pack management'),
};
