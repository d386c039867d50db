import type { Handlers } from './types';
import { unavailable } from './unavailable';

export const letterHandlers: Handlers<'letters.preview' | 'letters.issue' | 'letters.list' | 'letters.pdf' | 'letters.verify' | 'letters.void' | 'letters.supersede'> = {
  'letters.preview': () => unavailable('Letters'),
  'letters.issue': () => unavailable('Letters'),
  'letters.list': () => unavailable('Letters'),
  'letters.pdf': () => unavailable('Letters'),
  'letters.verify': () => unavailable('Letters'),
  'letters.void': () => unavailable('Letters'),
  'letters.supersede': () => unavailable('Letters'),
};
