import type { Handlers } from './types';
import { unavailable } from './unavailable';

export const caseHandlers: Handlers<'cases.list' | 'cases.get' | 'cases.create' | 'cases.update' | 'cases.import' | 'cases.export'> = {
  'cases.list': () => unavailable('The case store'),
  'cases.get': () => unavailable('The case store'),
  'cases.create': () => unavailable('The case store'),
  'cases.update': () => unavailable('The case store'),
  'cases.import': () => unavailable('The case store'),
  'cases.export': () => unavailable('The case store'),
};
