import type { Handlers } from './types';
import { unavailable } from './unavailable';

export const determinationHandlers: Handlers<'determinations.evaluate' | 'determinations.latest'> = {
  'determinations.evaluate': () => unavailable('Evaluation'),
  'determinations.latest': () => unavailable('Evaluation'),
};
