// Channels whose core part has not landed yet answer UNAVAILABLE in plain words, so the screen can say
// what is missing instead of failing.
import { err, type Result } from '../../../shared/ipc/result';

export function unavailable(what: string): Result<never> {
  return err('UNAVAILABLE', `${what} is not available in this build yet.`);
}
