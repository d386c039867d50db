// Loads the committed built-in packs through the real verifier (the same path the app uses).
import { builtinPackTexts, loadTrustRoot, trustRootDir, verifyPackText } from '../../main/core/rulepacks';
import type { PackSet } from '../../shared/engine';

export function builtinPackSet(): PackSet {
  const trust = loadTrustRoot(trustRootDir());
  const set: Partial<PackSet> = {};
  for (const { file, text } of builtinPackTexts()) {
    const r = verifyPackText(text, { trust });
    if (!r.ok) throw new Error(`${file}: ${r.error.message}`);
    set[r.pack.body.mode] = r.pack;
  }
  if (!set.as_written || !set.enforced) throw new Error('built-in packs missing');
  return set as PackSet;
}
