// Development entry of the evaluator worker: registers tsx in this thread, then loads the TypeScript
// worker. (Node 20 does not pass --import loaders on to worker threads.) Bundled builds load the
// compiled worker directly.
import { register } from 'tsx/esm/api';

register();
await import('./evaluate-worker.ts');
