// Child of test/unit/handlers/lazy-start.test.ts: starts the core as the shell does (handlers, store,
// built-in packs), lists cases, and prints which of the heavy npm packages were loaded by then; then makes
// one identity call (which needs the X.509 code) and prints them again.
import { createRequire } from 'node:module';
import { dispatch, headlessPlatform, localToday, closeResources, type HandlerContext } from '../../main/core/handlers';

const HEAVY = ['pdfkit', 'node-forge', 'qrcode', 'exceljs', '@peculiar', 'asn1js', 'fontkit'];
const req = createRequire(import.meta.url);
const loaded = (): string[] => HEAVY.filter((m) => Object.keys(req.cache).some((k) => k.includes(`/node_modules/${m}/`) || k.includes(`/node_modules/${m}-`)));

const ctx: HandlerContext = {
  dataDir: process.argv[2],
  actor: 'test',
  appVersion: 'test',
  platform: headlessPlatform,
  today: () => localToday(),
  logError: (c, e) => console.error(c, e),
  resources: new Map(),
};

async function main(): Promise<void> {
  const list = await dispatch('cases.list', { limit: 50 }, ctx);
  const afterList = loaded();
  const identity = await dispatch('identity.get', {}, ctx);
  const afterIdentity = loaded();
  console.log(JSON.stringify({ listOk: list.ok, identityOk: identity.ok, afterList, afterIdentity, modules: Object.keys(req.cache).length }));
  closeResources(ctx);
}
void main();
