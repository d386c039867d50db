// tierline letter CASE.json --out FILE.pdf [--officer NAME] …: evaluate, record and issue a signed letter.
// Also: letter void | export | list | identity | trust | qr (the registry, the office key, the trust list).
import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { Case, EvaluationMode } from '../../../shared/domain/case';
import { EvaluationMode as ModeSchema } from '../../../shared/domain/case';
import { getLetter, listLetters, listTrustedKeys, removeTrustedKey, voidLetter, type Db } from '../db';
import {
  IdentityError,
  ensureIdentity,
  formatFingerprint,
  importP12,
  loadStoredIdentity,
  saveIdentity,
  trustCertificatePem,
  trustPemOf,
  trustedQrKeys,
  unlockIdentity,
  type Office,
} from '../identity';
import { describeQrPayload, issueLetter, verifyQrRecord } from '../letters';
import { evaluateAndRecord, parseCaseText, validateCaseDocument } from '../services/evaluate';
import { parse } from './args';
import { ACTOR, readTextInput, withSession } from './session';
import { EXIT, type CliCommand, type CliIo } from './types';

const USAGE = [
  'tierline letter CASE.json --out FILE.pdf [--officer NAME] [--page-size A4|LETTER] [--mode as_written|enforced] [--supersedes TL-YYYY-NNNNNN] [--office NAME] [--data-dir DIR]',
  'tierline letter void TL-YYYY-NNNNNN --reason TEXT | export TL-YYYY-NNNNNN --out FILE.pdf | list [--json]',
  'tierline letter identity [--office NAME] [--export-cert FILE.pem] | identity import FILE.p12 [--office NAME]',
  'tierline letter trust list | trust add CERT.pem | trust remove FINGERPRINT | qr "TL1:…"',
].join('\n      ');

/** The passphrase from TIERLINE_PASSPHRASE (unattended use) or the prompt. */
export async function readPassphrase(io: CliIo, question = 'Passphrase for the office signing key: '): Promise<string | undefined> {
  const env = io.env.TIERLINE_PASSPHRASE;
  if (env !== undefined && env !== '') return env;
  return io.prompt ? io.prompt(question) : undefined;
}

function officeFrom(values: Record<string, string | boolean | undefined>, io: CliIo): Office {
  const name = (values.office as string | undefined) ?? io.env.TIERLINE_OFFICE ?? 'Tierline Issuing Office';
  return { name, unit: io.env.TIERLINE_OFFICE_UNIT || undefined, country: io.env.TIERLINE_OFFICE_COUNTRY || undefined };
}

function defaultOfficer(io: CliIo): string {
  if (io.env.TIERLINE_OFFICER) return io.env.TIERLINE_OFFICER;
  try {
    return userInfo().username;
  } catch {
    return 'Issuing officer';
  }
}

async function unlock(db: Db, io: CliIo, office: Office): Promise<ReturnType<typeof ensureIdentity> | number> {
  const creating = loadStoredIdentity(db) === null;
  const fromEnv = Boolean(io.env.TIERLINE_PASSPHRASE);
  const passphrase = await readPassphrase(io, creating ? 'New passphrase for the office signing key: ' : undefined);
  if (passphrase === undefined) {
    io.stderr('no passphrase: set TIERLINE_PASSPHRASE or run in a terminal');
    return EXIT.INVALID_INPUT;
  }
  if (creating && !fromEnv && io.prompt) {
    // A typo here would lock the office out of its own key: ask twice.
    const again = await io.prompt('Repeat the passphrase: ');
    if (again !== passphrase) {
      io.stderr('the two passphrases differ; nothing was created');
      return EXIT.INVALID_INPUT;
    }
  }
  try {
    const r = ensureIdentity(db, { passphrase, office, actor: ACTOR });
    if (r.created) {
      io.stderr(`created the office signing identity for "${r.record.office.name}" (certificate SHA-256 ${formatFingerprint(r.record.fingerprint)}); it is on this installation's trust list`);
    }
    return r;
  } catch (e) {
    if (e instanceof IdentityError) {
      io.stderr(`${e.code}: ${e.message}`);
      return e.code === 'BAD_PASSPHRASE' ? EXIT.FAILED : EXIT.INVALID_INPUT;
    }
    throw e;
  }
}

async function issue(args: string[], io: CliIo): Promise<number> {
  const p = parse(args, {
    out: { type: 'string', short: 'o' },
    officer: { type: 'string' },
    office: { type: 'string' },
    'page-size': { type: 'string' },
    mode: { type: 'string' },
    supersedes: { type: 'string' },
  });
  if (typeof p === 'string') {
    io.stderr(`usage: ${p}`);
    return EXIT.INVALID_INPUT;
  }
  const [file] = p.positionals;
  const out = p.values.out as string | undefined;
  if (!file || !out || p.positionals.length !== 1) {
    io.stderr(`usage: ${USAGE.split('\n')[0]}`);
    return EXIT.INVALID_INPUT;
  }
  const pageSize = ((p.values['page-size'] as string | undefined) ?? 'A4').toUpperCase();
  if (pageSize !== 'A4' && pageSize !== 'LETTER') {
    io.stderr('--page-size: expected A4 or LETTER');
    return EXIT.INVALID_INPUT;
  }
  let mode: EvaluationMode | undefined;
  if (p.values.mode !== undefined) {
    const m = ModeSchema.safeParse(p.values.mode);
    if (!m.success) {
      io.stderr('--mode: expected as_written or enforced');
      return EXIT.INVALID_INPUT;
    }
    mode = m.data;
  }
  const text = readTextInput(io, file);
  if (text === null) return EXIT.INVALID_INPUT;
  const raw = parseCaseText(text);
  if (!raw.ok) {
    for (const e of raw.errors) io.stderr(`${file}: ${e.path}: ${e.message}`);
    return EXIT.INVALID_INPUT;
  }
  const valid = validateCaseDocument(raw.value);
  if (!valid.ok) {
    for (const e of valid.errors) io.stderr(`${file}: ${e.path}: ${e.message}`);
    return EXIT.INVALID_INPUT;
  }
  const officer = ((p.values.officer as string | undefined) ?? defaultOfficer(io)).trim();
  if (!officer) {
    io.stderr('--officer: a letter names the officer who issues it');
    return EXIT.INVALID_INPUT;
  }
  return withSession(io, p.values['data-dir'] as string | undefined, async (db) => {
    const unlocked = await unlock(db, io, officeFrom(p.values, io));
    if (typeof unlocked === 'number') return unlocked;
    const evaluated = evaluateAndRecord(db, raw.value, { actor: ACTOR, mode });
    if (!evaluated.ok) {
      for (const e of evaluated.error.errors) io.stderr(`${file}: ${e.path}: ${e.message}`);
      return evaluated.error.code === 'INVALID_CASE' ? EXIT.INVALID_INPUT : EXIT.FAILED;
    }
    // --mode narrows the evaluation; the letter embeds the document as evaluated.
    const caseDocument = (mode ? { ...(raw.value as Case), mode } : raw.value) as Case;
    const r = issueLetter(
      db,
      {
        caseId: evaluated.value.caseId,
        determinationId: evaluated.value.determinationId,
        caseDocument,
        determination: evaluated.value.determination,
        identity: unlocked.identity,
        officer,
        pageSize,
        supersedes: p.values.supersedes as string | undefined,
      },
      { actor: ACTOR },
    );
    if (!r.ok) {
      io.stderr(`${r.error.code}: ${r.error.message}`);
      return r.error.code === 'INVALID_INPUT' || r.error.code === 'NOT_FOUND' ? EXIT.INVALID_INPUT : EXIT.FAILED;
    }
    const target = resolve(io.cwd, out);
    try {
      writeFileSync(target, r.value.pdf);
    } catch (e) {
      io.stderr(`${out}: cannot write (${(e as Error).message}); the letter is recorded: tierline letter export ${r.value.letter.number} --out FILE.pdf`);
      return EXIT.FAILED;
    }
    io.stdout(`issued ${r.value.letter.number} → ${out}`);
    io.stdout(`  sha256 ${r.value.sha256} (${r.value.pdf.length} bytes), officer ${officer}`);
    io.stdout(`  audit head printed on the letter: #${r.value.auditHead.seq} ${r.value.auditHead.hash}`);
    if (r.value.superseded) io.stdout(`  supersedes ${r.value.superseded.number}`);
    for (const ev of evaluated.value.determination.evaluations) {
      io.stdout(`  ${ev.mode === 'as_written' ? 'as written' : 'enforced  '}: ${ev.items.map((it) => `[${it.index}] ${it.authorization}`).join(', ')}`);
    }
    return EXIT.OK;
  });
}

/** The letter with this number, or null after saying on stderr that there is none. */
function letterOrReport(db: Db, number: string, io: CliIo): ReturnType<typeof getLetter> {
  const l = getLetter(db, number);
  if (!l) io.stderr(`no letter ${number}`);
  return l;
}

async function voidCmd(args: string[], io: CliIo): Promise<number> {
  const p = parse(args, { reason: { type: 'string' } });
  if (typeof p === 'string' || p.positionals.length !== 1 || !p.values.reason) {
    io.stderr('usage: tierline letter void TL-YYYY-NNNNNN --reason TEXT');
    return EXIT.INVALID_INPUT;
  }
  return withSession(io, p.values['data-dir'] as string | undefined, (db) => {
    const l = letterOrReport(db, p.positionals[0], io);
    if (!l) return EXIT.INVALID_INPUT;
    const r = voidLetter(db, l.id, p.values.reason as string, { actor: ACTOR });
    if (!r.ok) {
      io.stderr(`${r.error.code}: ${r.error.message}`);
      return EXIT.FAILED;
    }
    io.stdout(`${r.value.number} is void: ${r.value.voidReason}`);
    return EXIT.OK;
  });
}

async function exportCmd(args: string[], io: CliIo): Promise<number> {
  const p = parse(args, { out: { type: 'string', short: 'o' } });
  if (typeof p === 'string' || p.positionals.length !== 1 || !p.values.out) {
    io.stderr('usage: tierline letter export TL-YYYY-NNNNNN --out FILE.pdf');
    return EXIT.INVALID_INPUT;
  }
  return withSession(io, p.values['data-dir'] as string | undefined, (db) => {
    const l = letterOrReport(db, p.positionals[0], io);
    if (!l) return EXIT.INVALID_INPUT;
    writeFileSync(resolve(io.cwd, p.values.out as string), l.pdf);
    io.stdout(`${l.number} (${l.status}) → ${p.values.out}  sha256 ${l.pdfSha256}`);
    return EXIT.OK;
  });
}

async function listCmd(args: string[], io: CliIo): Promise<number> {
  const p = parse(args, { json: { type: 'boolean' }, limit: { type: 'string' } });
  if (typeof p === 'string') {
    io.stderr(`usage: ${p}`);
    return EXIT.INVALID_INPUT;
  }
  const limit = p.values.limit === undefined ? 100 : Number(p.values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) {
    io.stderr('--limit: expected a whole number from 1 to 100000');
    return EXIT.INVALID_INPUT;
  }
  return withSession(io, p.values['data-dir'] as string | undefined, (db) => {
    const rows = listLetters(db, { limit });
    if (p.values.json) io.stdout(JSON.stringify(rows));
    else for (const l of rows) io.stdout(`${l.number}  ${l.status.padEnd(10)}  ${l.issuedAt}  case ${l.caseId}  ${l.officer}  ${l.pdfSha256.slice(0, 16)}${l.voidReason ? `  (${l.voidReason})` : ''}`);
    if (!rows.length && !p.values.json) io.stdout('no letters issued yet');
    return EXIT.OK;
  });
}

async function identityCmd(args: string[], io: CliIo): Promise<number> {
  const p = parse(args, { office: { type: 'string' }, 'export-cert': { type: 'string' }, 'p12-passphrase': { type: 'string' } });
  if (typeof p === 'string') {
    io.stderr(`usage: ${p}`);
    return EXIT.INVALID_INPUT;
  }
  return withSession(io, p.values['data-dir'] as string | undefined, async (db) => {
    if (p.positionals[0] === 'import') {
      const file = p.positionals[1];
      if (!file) {
        io.stderr('usage: tierline letter identity import FILE.p12 [--office NAME]');
        return EXIT.INVALID_INPUT;
      }
      const p12Pass = (p.values['p12-passphrase'] as string | undefined) ?? io.env.TIERLINE_P12_PASSPHRASE ?? (io.prompt ? await io.prompt('Passphrase of the PKCS#12 file: ') : undefined) ?? '';
      const passphrase = await readPassphrase(io, 'New passphrase for the office signing key: ');
      if (passphrase === undefined) {
        io.stderr('no passphrase: set TIERLINE_PASSPHRASE or run in a terminal');
        return EXIT.INVALID_INPUT;
      }
      try {
        const record = importP12(readFileSync(resolve(io.cwd, file)), {
          p12Passphrase: p12Pass,
          passphrase,
          office: p.values.office ? { name: p.values.office as string } : undefined,
        });
        const r = saveIdentity(db, record, { actor: ACTOR });
        if (!r.ok) {
          io.stderr(`${r.error.code}: ${r.error.message}`);
          return EXIT.FAILED;
        }
        io.stdout(`imported the signing identity of "${record.office.name}", certificate SHA-256 ${formatFingerprint(record.fingerprint)}`);
        return EXIT.OK;
      } catch (e) {
        if (e instanceof IdentityError) {
          io.stderr(`${e.code}: ${e.message}`);
          return EXIT.INVALID_INPUT;
        }
        throw e;
      }
    }
    let record = loadStoredIdentity(db);
    if (!record) {
      const unlocked = await unlock(db, io, officeFrom(p.values, io));
      if (typeof unlocked === 'number') return unlocked;
      record = unlocked.record;
    } else if (io.env.TIERLINE_PASSPHRASE) {
      try {
        unlockIdentity(record, io.env.TIERLINE_PASSPHRASE);
      } catch (e) {
        io.stderr(`${(e as IdentityError).code ?? 'ERROR'}: ${(e as Error).message}`);
        return EXIT.FAILED;
      }
    }
    io.stdout(`office        ${record.office.name}`);
    io.stdout(`source        ${record.source}, created ${record.createdAt}`);
    io.stdout(`certificate   SHA-256 ${formatFingerprint(record.fingerprint)}`);
    io.stdout(`QR key id     ${record.qrKeyId}`);
    if (p.values['export-cert']) {
      writeFileSync(resolve(io.cwd, p.values['export-cert'] as string), trustPemOf(record));
      io.stdout(`wrote the certificate (for other installations' trust lists) to ${p.values['export-cert']}`);
    }
    return EXIT.OK;
  });
}

async function trustCmd(args: string[], io: CliIo): Promise<number> {
  const p = parse(args, { json: { type: 'boolean' } });
  if (typeof p === 'string') {
    io.stderr(`usage: ${p}`);
    return EXIT.INVALID_INPUT;
  }
  const [sub, arg] = p.positionals;
  return withSession(io, p.values['data-dir'] as string | undefined, (db) => {
    if (sub === 'list' || sub === undefined) {
      const keys = listTrustedKeys(db);
      if (p.values.json) io.stdout(JSON.stringify(keys.map(({ pem: _pem, ...k }) => k)));
      else for (const k of keys) io.stdout(`${formatFingerprint(k.fingerprint)}  ${k.subject}  (added ${k.addedAt})`);
      if (!keys.length && !p.values.json) io.stdout('the trust list is empty');
      return EXIT.OK;
    }
    if (sub === 'add' && arg) {
      let pem: string;
      try {
        pem = readFileSync(resolve(io.cwd, arg), 'utf8');
      } catch (e) {
        io.stderr(`${arg}: cannot read: ${(e as Error).message}`);
        return EXIT.INVALID_INPUT;
      }
      const r = trustCertificatePem(db, pem, { actor: ACTOR });
      if (!r.ok) {
        io.stderr(`${r.error.code}: ${r.error.message}`);
        return EXIT.INVALID_INPUT;
      }
      io.stdout(`${r.value.created ? 'trusted' : 'already trusted'}: ${r.value.subject}, SHA-256 ${formatFingerprint(r.value.fingerprint)}`);
      return EXIT.OK;
    }
    if (sub === 'remove' && arg) {
      const r = removeTrustedKey(db, arg, { actor: ACTOR });
      if (!r.ok) {
        io.stderr(`${r.error.code}: ${r.error.message}`);
        return EXIT.INVALID_INPUT;
      }
      io.stdout(`no longer trusted: ${r.value.subject}`);
      return EXIT.OK;
    }
    io.stderr('usage: tierline letter trust list | add CERT.pem | remove FINGERPRINT');
    return EXIT.INVALID_INPUT;
  });
}

async function qrCmd(args: string[], io: CliIo): Promise<number> {
  const p = parse(args, {});
  if (typeof p === 'string' || p.positionals.length !== 1) {
    io.stderr('usage: tierline letter qr "TL1:…"   (the text a scanner read from a printed letter)');
    return EXIT.INVALID_INPUT;
  }
  return withSession(io, p.values['data-dir'] as string | undefined, (db) => {
    const r = verifyQrRecord(p.positionals[0], trustedQrKeys(db));
    if (!r.ok) {
      io.stdout(`INVALID(${r.message})`);
      return EXIT.FAILED;
    }
    io.stdout('VALID');
    for (const line of describeQrPayload(r.payload)) io.stdout(`  ${line}`);
    const l = getLetter(db, r.payload.n);
    if (l) io.stdout(`  registry: ${l.status}${l.voidReason ? ` (${l.voidReason})` : ''}`);
    return EXIT.OK;
  });
}

export const letterCommand: CliCommand = {
  name: 'letter',
  summary: 'evaluate a case, record it and issue a signed PDF determination letter; manage letters, the office key and the trust list',
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    switch (sub) {
      case 'void':
        return voidCmd(rest, io);
      case 'export':
        return exportCmd(rest, io);
      case 'list':
        return listCmd(rest, io);
      case 'identity':
        return identityCmd(rest, io);
      case 'trust':
        return trustCmd(rest, io);
      case 'qr':
        return qrCmd(rest, io);
      default:
        return issue(args, io);
    }
  },
};
