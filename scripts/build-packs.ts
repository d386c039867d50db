// Builds the two built-in rule packs from scripts/packs/*, checks them against the engine's parameter
// manifest and signs them with the release key, which lives outside the repository
// (../shared/keys/rulepack-signing-2026.key.pem, or RULEPACK_SIGNING_KEY). Output: assets/rulepacks/.
//   npm run packs:build            build and sign
//   npm run packs:build -- --check verify that the committed packs match the sources (no key needed)
import { createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RulePackBody } from '../shared/domain/rulepack';
import { formatIssues } from '../shared/domain/issues';
import { validatePackSemantics } from '../shared/engine/manifest';
import { packSha256, signPack } from '../main/core/rulepacks/signing';
import { asWrittenPack } from './packs/as-written';
import { enforcedPack } from './packs/enforced';

export const PACK_VERSION = 4;
export const PACK_ISSUED = '2026-12-03';

export function builtinBodies() {
  return [asWrittenPack(PACK_VERSION, PACK_ISSUED), enforcedPack(PACK_VERSION, PACK_ISSUED)];
}

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'assets', 'rulepacks');

function main() {
  const check = process.argv.includes('--check');
  let failed = false;
  for (const body of builtinBodies()) {
    const parsed = RulePackBody.safeParse(body);
    const errors = parsed.success ? validatePackSemantics(parsed.data) : formatIssues(parsed.error);
    if (errors.length) {
      for (const e of errors) console.error(`${body.id}: ${e.path}: ${e.message}`);
      failed = true;
      continue;
    }
    const file = join(outDir, `${body.id}.json`);
    if (check) {
      const committed = JSON.parse(readFileSync(file, 'utf8'));
      const { signature: _s, ...committedBody } = committed;
      const same = packSha256(committedBody) === packSha256(body);
      console.log(`${body.id} v${body.version}: ${same ? 'matches the sources' : 'DIFFERS from the sources: run npm run packs:build'}`);
      if (!same) failed = true;
      continue;
    }
    const keyPath = process.env.RULEPACK_SIGNING_KEY ?? resolve(root, '..', 'shared', 'keys', 'rulepack-signing-2026.key.pem');
    if (!existsSync(keyPath)) {
      console.error(`release key not found at ${keyPath}: packs are signed only where the release key is present`);
      process.exit(1);
    }
    const signed = signPack(body, createPrivateKey(readFileSync(keyPath)));
    writeFileSync(file, `${JSON.stringify(signed, null, 2)}\n`);
    console.log(`${body.id} v${body.version} sha256=${packSha256(body)} key=${signed.signature.keyId} → ${file}`);
  }
  if (failed) process.exit(1);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main();
