import type { Handlers } from './types';
import { unavailable } from './unavailable';

export const settingsHandlers: Handlers<'identity.get' | 'identity.create' | 'trust.list' | 'trust.add' | 'trust.remove'> = {
  'identity.get': () => unavailable('Signing identity and trust list'),
  'identity.create': () => unavailable('Signing identity and trust list'),
  'trust.list': () => unavailable('Signing identity and trust list'),
  'trust.add': () => unavailable('Signing identity and trust list'),
  'trust.remove': () => unavailable('Signing identity and trust list'),
};
