// tierline packs list | verify FILE… | import FILE…
import { latestPack, listPacks } from '../db';
import { packTextOutOfBounds, verifyPackText } from '../rulepacks';
import { importPackText, packTrust } from '../services/packs';
import { parse } from './args';
import { ACTOR, readTextInput, withSession } from './session';
import { EXIT, type CliCommand } from './types';

export const packsCommand: CliCommand = {
  name: 'packs',
  summary: 'list installed rule packs, verify or import a signed pack file',
  usage: 'tierline packs list [--json] | verify FILE… | import FILE…   [--data-dir DIR]',
  async run(args, io) {
    const [sub, ...rest] = args;
    const p = parse(rest, { json: { type: 'boolean' } });
    if (typeof p === 'string' || !['list', 'verify', 'import'].includes(sub ?? '') || (sub !== 'list' && !p.positionals.length)) {
      io.stderr(`usage: ${typeof p === 'string' ? p : this.usage}`);
      return EXIT.INVALID_INPUT;
    }
    return withSession(io, p.values['data-dir'] as string | undefined, (db) => {
      if (sub === 'list') {
        const packs = listPacks(db);
        if (p.values.json) io.stdout(JSON.stringify(packs));
        else for (const k of packs) io.stdout(`${k.id}  v${k.version}  ${k.mode.padEnd(10)}  issued ${k.issued}  sha256 ${k.sha256}  key ${k.keyId}  imported ${k.importedAt}`);
        return EXIT.OK;
      }
      let code: number = EXIT.OK;
      for (const file of p.positionals) {
        const text = readTextInput(io, file);
        if (text === null) {
          code = EXIT.INVALID_INPUT;
          continue;
        }
        if (sub === 'verify') {
          let id: string | undefined;
          try {
            // an out-of-bounds text is refused by the verifier before it parses; never parse it here
            if (!packTextOutOfBounds(text)) id = (JSON.parse(text) as { id?: string }).id;
          } catch {
            /* reported by the verifier */
          }
          const inst = typeof id === 'string' ? latestPack(db, id) : null;
          const v = verifyPackText(text, { trust: packTrust(), installed: inst ? { version: inst.version, sha256: inst.sha256 } : null });
          if (!v.ok) {
            io.stderr(`${file}: ${v.error.code}: ${v.error.message}`);
            for (const e of v.error.errors ?? []) io.stderr(`${file}: ${e.path}: ${e.message}`);
            code = EXIT.FAILED;
          } else io.stdout(`${file}: VALID  ${v.pack.body.id} v${v.pack.body.version} (${v.pack.body.mode})  sha256 ${v.pack.sha256}  signed by ${v.pack.keyId}`);
          continue;
        }
        const r = importPackText(db, text, { actor: ACTOR });
        if (!r.ok) {
          io.stderr(`${file}: ${r.error.code}: ${r.error.message}`);
          for (const e of r.error.errors ?? []) io.stderr(`${file}: ${e.path}: ${e.message}`);
          code = EXIT.INVALID_INPUT;
        } else io.stdout(`${file}: ${r.value.created ? 'imported' : 'already installed'} ${r.value.id} v${r.value.version} sha256 ${r.value.sha256}`);
      }
      return code;
    });
  },
};
