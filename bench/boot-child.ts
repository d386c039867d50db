// Child of bench/boot: the core as the desktop shell and `tierline serve` start it (handlers, store,
// built-in packs), up to the first page of the case list. Bundled by bench/boot.ts like the shell's
// main process (npm packages external), then run with plain node; prints the milliseconds since the
// process started at which the first page was in hand, and how many modules were loaded by then.
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { dispatch, headlessPlatform, localToday, closeResources, type HandlerContext } from '../main/core/handlers';

const dataDir = process.argv[2];
const ctx: HandlerContext = {
  dataDir,
  actor: 'bench',
  appVersion: 'bench',
  platform: headlessPlatform,
  today: () => localToday(),
  logError: (c, e) => console.error(c, e),
  resources: new Map(),
};
async function main(): Promise<void> {
  const r = await dispatch('cases.list', { limit: 200 }, ctx);
  const ms = performance.now();
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const req = createRequire(import.meta.url);
  const loaded = Object.keys(req.cache).length;
  const heavy = ['pdfkit', 'node-forge', 'qrcode', 'exceljs', '@peculiar', 'asn1js'].filter((m) => Object.keys(req.cache).some((k) => k.includes(`/node_modules/${m}/`)));
  console.log(JSON.stringify({ ms, loaded, heavy, rows: (r.value as { rows: unknown[] }).rows.length }));
  closeResources(ctx);
}
void main();
