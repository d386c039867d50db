// Registers tsx in the worker thread (Node 20 does not pass --import loaders to workers).
import { register } from 'tsx/esm/api';

register();
await import('./engine-worker.ts');
