// Errors in plain words with what to do next, by error code. The core's own message says what went
// wrong; this adds the next step.
import type { IpcError } from '../../../shared/ipc/result';

export function nextStep(e: IpcError): string {
  switch (e.code) {
    case 'INVALID_INPUT':
      return e.path ? `Correct the field at ${e.path} and try again.` : 'Correct the input and try again.';
    case 'NOT_FOUND':
      return 'It may have been removed or never saved. Go back to the list and pick it again.';
    case 'CONFLICT':
      return 'Reload the screen to see the current state, then try again.';
    case 'FORBIDDEN':
      return 'Close this window and start Tierline again.';
    case 'CANCELLED':
      return 'Nothing was changed.';
    case 'UNAVAILABLE':
      return 'This part is not installed or set up yet. Check Settings, or ask your administrator for an updated build.';
    case 'UNKNOWN_CHANNEL':
      return 'The window and the core are from different versions. Restart Tierline.';
    case 'INTERNAL':
      return 'Try again. If it keeps happening, send the log file from the data folder to support.';
  }
}

export function errorTitle(e: IpcError): string {
  switch (e.code) {
    case 'INVALID_INPUT':
      return 'Some input is not valid';
    case 'NOT_FOUND':
      return 'Not found';
    case 'CONFLICT':
      return 'Changed meanwhile';
    case 'FORBIDDEN':
      return 'Request refused';
    case 'CANCELLED':
      return 'Cancelled';
    case 'UNAVAILABLE':
      return 'Not available';
    case 'UNKNOWN_CHANNEL':
      return 'Version mismatch';
    case 'INTERNAL':
      return 'Something went wrong';
  }
}
