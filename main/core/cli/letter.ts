// tierline letter [issue] CASE.json --out FILE.pdf [--officer NAME] …: evaluate, record and issue a signed
// letter. Also: letter void | export | list | identity | trust | qr (the registry, the office key, the
// trust list). Passphrases come from --passphrase-file, TIERLINE_PASSPHRASE or the prompt (secrets.ts).
import { lettersTable } from '../exports/registers';
import { OUT_OPTION, outFormat, writeTableOut } from './table-out';
import { writeFileSync } from 'node:fs';
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
import { ACTOR, readBytesOrReport, readTextInput, withSession } from './session';
import type { Command } from 'commander';
import { officePassphrase, PASSPHRASE_FILE, readPassphrase, readSecret, SecretError } from './secrets';
import { EXIT, optsOf, type CliContext, type CliIo, type Opts } from './types';

function officeFrom(values: Opts, io: CliIo): Office {
  const name = (values.office as string | undefined) ?? io.env.TIERLINE_OFFICE ?? 'Tierline Issuing Office';
  return { name, unit: io.env.TIERLINE_OFFICE_UNIT || undefined, country: io.env.TIERLINE_OFFICE_COUNTRY || undefined };
}

/** The officer a letter names: --officer or TIERLINE_OFFICER. Never the login name: a letter is signed by a person. */
function defaultOfficer(io: CliIo): string {
  return io.env.TIERLINE_OFFICER ?? '';
}

async function unlock(db: Db, io: CliIo, office: Office, passphraseFile: string | undefined): Promise<ReturnType<typeof ensureIdentity> | number> {
  const creating = loadStoredIdentity(db) === null;
  const prompted = passphraseFile === undefined && !io.env.TIERLINE_PASSPHRASE;
  const passphrase = await officePassphrase(io, passphraseFile, creating ? 'New passphrase for the office signing key: ' : undefined);
  if (typeof passphrase === 'number') return passphrase;
  if (creating && prompted && io.prompt) {
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


/** Reads a case file and checks it, reporting errors by JSON path; null after reporting. */
function readCase(io: CliIo, file: string): { raw: unknown } | null {
  const text = readTextInput(io, file);
  if (text === null) return null;
  const raw = parseCaseText(text);
  if (!raw.ok) {
    for (const e of raw.errors) io.stderr(`${file}: ${e.path}: ${e.message}`);
    return null;
  }
  const valid = validateCaseDocument(raw.value);
  if (!valid.ok) {
    for (const e of valid.errors) io.stderr(`${file}: ${e.path}: ${e.message}`);
    return null;
  }
  return { raw: raw.value };
}

async function issue(file: string, o: Opts, io: CliIo): Promise<number> {
  const out = o.out as string;
  const pageSize = String(o.pageSize ?? 'A4').toUpperCase();
  if (pageSize !== 'A4' && pageSize !== 'LETTER') {
    io.stderr('--page-size: expected A4 or LETTER');
    return EXIT.USAGE;
  }
  let mode: EvaluationMode | undefined;
  if (o.mode !== undefined) {
    const m = ModeSchema.safeParse(o.mode);
    if (!m.success) {
      io.stderr('--mode: expected as_written or enforced');
      return EXIT.USAGE;
    }
    mode = m.data;
  }
  const officer = ((o.officer as string | undefined) ?? defaultOfficer(io)).trim();
  if (!officer) {
    io.stderr('--officer: a letter names the officer who issues it: give --officer NAME or set TIERLINE_OFFICER (the login name is never used)');
    return EXIT.USAGE;
  }
  const doc = readCase(io, file);
  if (!doc) return EXIT.INVALID_INPUT;
  return withSession(io, o.dataDir, async (db) => {
    const unlocked = await unlock(db, io, officeFrom(o, io), o.passphraseFile as string | undefined);
    if (typeof unlocked === 'number') return unlocked;
    const evaluated = evaluateAndRecord(db, doc.raw, { actor: ACTOR, mode });
    if (!evaluated.ok) {
      for (const e of evaluated.error.errors) io.stderr(`${file}: ${e.path}: ${e.message}`);
      return evaluated.error.code === 'INVALID_CASE' ? EXIT.INVALID_INPUT : EXIT.STORE;
    }
    // --mode narrows the evaluation; the letter embeds the document as evaluated.
    const caseDocument = (mode ? { ...(doc.raw as Case), mode } : doc.raw) as Case;
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
        supersedes: o.supersedes as string | undefined,
      },
      { actor: ACTOR },
    );
    if (!r.ok) {
      io.stderr(`${r.error.code}: ${r.error.message}`);
      return r.error.code === 'INVALID_INPUT' || r.error.code === 'NOT_FOUND' ? EXIT.INVALID_INPUT : EXIT.STORE;
    }
    const target = resolve(io.cwd, out);
    try {
      writeFileSync(target, r.value.pdf);
    } catch (e) {
      io.stderr(`${out}: cannot write (${(e as Error).message}); the letter is recorded: tierline letter export ${r.value.letter.number} --out FILE.pdf`);
      return EXIT.STORE;
    }
    if (o.json) {
      io.stdout(
        JSON.stringify({
          number: r.value.letter.number,
          out,
          sha256: r.value.sha256,
          bytes: r.value.pdf.length,
          officer,
          auditHead: r.value.auditHead,
          supersedes: r.value.superseded?.number ?? null,
          determination: evaluated.value.determination,
        }),
      );
      return EXIT.OK;
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

async function identityShow(o: Opts, io: CliIo): Promise<number> {
  return withSession(io, o.dataDir, async (db) => {
    let record = loadStoredIdentity(db);
    if (!record) {
      const unlocked = await unlock(db, io, officeFrom(o, io), o.passphraseFile as string | undefined);
      if (typeof unlocked === 'number') return unlocked;
      record = unlocked.record;
    } else if (o.passphraseFile !== undefined || io.env.TIERLINE_PASSPHRASE) {
      // A passphrase given is checked, so that scripts can test it before an unattended run.
      try {
        const pass = await readPassphrase(io, o.passphraseFile as string | undefined);
        unlockIdentity(record, pass ?? '');
      } catch (e) {
        if (e instanceof SecretError) {
          io.stderr(e.message);
          return EXIT.USAGE;
        }
        io.stderr(`${(e as IdentityError).code ?? 'ERROR'}: ${(e as Error).message}`);
        return EXIT.NEGATIVE;
      }
    }
    if (o.exportCert) {
      try {
        writeFileSync(resolve(io.cwd, o.exportCert as string), trustPemOf(record));
      } catch (e) {
        io.stderr(`${String(o.exportCert)}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
        return EXIT.STORE;
      }
    }
    if (o.json) {
      io.stdout(JSON.stringify({ office: record.office, source: record.source, createdAt: record.createdAt, fingerprint: record.fingerprint, qrKeyId: record.qrKeyId, exportedCert: o.exportCert ?? null }));
      return EXIT.OK;
    }
    io.stdout(`office        ${record.office.name}`);
    io.stdout(`source        ${record.source}, created ${record.createdAt}`);
    io.stdout(`certificate   SHA-256 ${formatFingerprint(record.fingerprint)}`);
    io.stdout(`QR key id     ${record.qrKeyId}`);
    if (o.exportCert) io.stdout(`wrote the certificate (for other installations' trust lists) to ${String(o.exportCert)}`);
    return EXIT.OK;
  });
}

async function identityImport(file: string, o: Opts, io: CliIo): Promise<number> {
  const p12 = readBytesOrReport(io, file);
  if (p12 === null) return EXIT.INVALID_INPUT;
  let p12Pass: string | undefined;
  try {
    p12Pass = await readSecret(io, { file: o.p12PassphraseFile as string | undefined, flag: '--p12-passphrase-file', env: 'TIERLINE_P12_PASSPHRASE', question: 'Passphrase of the PKCS#12 file: ' });
  } catch (e) {
    if (e instanceof SecretError) {
      io.stderr(e.message);
      return EXIT.USAGE;
    }
    throw e;
  }
  const passphrase = await officePassphrase(io, o.passphraseFile as string | undefined, 'New passphrase for the office signing key: ');
  if (typeof passphrase === 'number') return passphrase;
  return withSession(io, o.dataDir, (db) => {
    try {
      const record = importP12(p12, { p12Passphrase: p12Pass ?? '', passphrase, office: o.office ? { name: o.office as string } : undefined });
      const r = saveIdentity(db, record, { actor: ACTOR });
      if (!r.ok) {
        io.stderr(`${r.error.code}: ${r.error.message}`);
        return EXIT.STORE;
      }
      if (o.json) io.stdout(JSON.stringify({ office: record.office, fingerprint: record.fingerprint, qrKeyId: record.qrKeyId }));
      else io.stdout(`imported the signing identity of "${record.office.name}", certificate SHA-256 ${formatFingerprint(record.fingerprint)}`);
      return EXIT.OK;
    } catch (e) {
      if (e instanceof IdentityError) {
        io.stderr(`${e.code}: ${e.message}`);
        return EXIT.INVALID_INPUT;
      }
      throw e;
    }
  });
}

export function register(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  const letter = program
    .command('letter')
    .summary('issue a signed PDF determination letter; manage letters, the office key and the trust list')
    .description('Determination letters: evaluate a case, record it and issue a signed PDF (`letter issue`, also `letter CASE.json …`); void, export and list issued letters; the office signing identity and the trust list.');

  letter
    .command('issue', { isDefault: true })
    .summary('evaluate a case, record it and issue a signed letter (the default: tierline letter CASE.json --out FILE.pdf)')
    .argument('<case>', 'case document (JSON, - for standard input)')
    .requiredOption('-o, --out <file>', 'where to write the PDF')
    .option('--officer <name>', 'the issuing officer, as the letter names them (default: TIERLINE_OFFICER; required)')
    .option('--office <name>', 'office name when the signing identity is created (default: TIERLINE_OFFICE)')
    .option('--page-size <size>', 'A4 or LETTER', 'A4')
    .option('--mode <mode>', 'only this mode: as_written or enforced')
    .option('--supersedes <number>', 'the letter (TL-YYYY-NNNNNN) this one replaces')
    .option(...PASSPHRASE_FILE)
    .option('--json', 'the issued letter {number, sha256, auditHead, determination, …} as JSON')
    .action(ctx.action((file: string, _o: unknown, cmd: Command) => issue(file, optsOf(cmd), io)));

  letter
    .command('void')
    .summary('mark an issued letter void (the PDF stays valid as a signature; the registry says VOID)')
    .argument('<number>', 'letter number TL-YYYY-NNNNNN')
    .requiredOption('--reason <text>', 'why, recorded in the registry and the audit log')
    .option('--json', 'the voided letter record as JSON')
    .action(
      ctx.action((number: string, _o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        const reason = String(o.reason).trim();
        if (!reason) {
          io.stderr('--reason: say why the letter is void');
          return EXIT.USAGE;
        }
        return withSession(io, o.dataDir, (db) => {
          const l = letterOrReport(db, number, io);
          if (!l) return EXIT.INVALID_INPUT;
          const r = voidLetter(db, l.id, reason, { actor: ACTOR });
          if (!r.ok) {
            io.stderr(`${r.error.code}: ${r.error.message}`);
            return r.error.code === 'INVALID_INPUT' ? EXIT.INVALID_INPUT : EXIT.STORE;
          }
          if (o.json) io.stdout(JSON.stringify({ number: r.value.number, status: r.value.status, voidReason: r.value.voidReason }));
          else io.stdout(`${r.value.number} is void: ${r.value.voidReason}`);
          return EXIT.OK;
        });
      }),
    );

  letter
    .command('export')
    .summary('write the stored PDF of an issued letter')
    .argument('<number>', 'letter number TL-YYYY-NNNNNN')
    .requiredOption('-o, --out <file>', 'where to write the PDF')
    .option('--json', '{number, status, sha256, out} as JSON')
    .action(
      ctx.action((number: string, _o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        return withSession(
          io,
          o.dataDir,
          (db) => {
            const l = letterOrReport(db, number, io);
            if (!l) return EXIT.INVALID_INPUT;
            try {
              writeFileSync(resolve(io.cwd, o.out as string), l.pdf);
            } catch (e) {
              io.stderr(`${String(o.out)}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
              return EXIT.STORE;
            }
            if (o.json) io.stdout(JSON.stringify({ number: l.number, status: l.status, sha256: l.pdfSha256, out: o.out }));
            else io.stdout(`${l.number} (${l.status}) → ${String(o.out)}  sha256 ${l.pdfSha256}`);
            return EXIT.OK;
          },
          { readonly: true },
        );
      }),
    );

  letter
    .command('list')
    .summary('list issued letters, newest first (--out: the register as CSV or XLSX)')
    .option('--limit <n>', 'at most N letters (1 to 100000)', '100')
    .option('--json', 'one JSON array')
    .option('--search <text>', 'with --out: letters whose number, reference, end user or destination contains TEXT')
    .option(...OUT_OPTION)
    .action(
      ctx.action((_o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        const limit = Number(o.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) {
          io.stderr('--limit: expected a whole number from 1 to 100000');
          return EXIT.USAGE;
        }
        const out = o.out as string | undefined;
        if (out !== undefined && !outFormat(io, out)) return EXIT.USAGE;
        return withSession(
          io,
          o.dataDir,
          (db) => {
            if (out !== undefined) return writeTableOut(io, out, lettersTable(db, { search: o.search as string | undefined }), Boolean(o.json));
            const rows = listLetters(db, { limit });
            if (o.json) io.stdout(JSON.stringify(rows));
            else for (const l of rows) io.stdout(`${l.number}  ${l.status.padEnd(10)}  ${l.issuedAt}  case ${l.caseId}  ${l.officer}  ${l.pdfSha256.slice(0, 16)}${l.voidReason ? `  (${l.voidReason})` : ''}`);
            if (!rows.length && !o.json) io.stdout('no letters issued yet');
            return EXIT.OK;
          },
          { readonly: true },
        );
      }),
    );

  const identity = letter
    .command('identity')
    .summary("show (creating on first use) the office signing identity; export its certificate; import a PKCS#12")
    .option('--office <name>', 'office name when the identity is created (default: TIERLINE_OFFICE)')
    .option('--export-cert <file>', "write the office certificate (PEM) for other installations' trust lists")
    .option(...PASSPHRASE_FILE)
    .option('--json', 'the identity {office, fingerprint, qrKeyId, …} as JSON')
    .action(ctx.action((_o: unknown, cmd: Command) => identityShow(optsOf(cmd), io)));

  identity
    .command('import')
    .summary('replace the office signing identity with one from a PKCS#12 (.p12) file')
    .argument('<file>', 'the .p12 file (- for standard input)')
    .option('--office <name>', 'office name (default: from the certificate)')
    .option('--p12-passphrase-file <file>', "read the .p12 file's passphrase from FILE (/dev/fd/N, -); else TIERLINE_P12_PASSPHRASE, else the prompt")
    .option(...PASSPHRASE_FILE)
    .option('--json', 'the imported identity as JSON')
    .action(ctx.action((file: string, _o: unknown, cmd: Command) => identityImport(file, optsOf(cmd), io)));

  const trust = letter.command('trust').summary('the trust list: office certificates whose letters verify as VALID here');

  trust
    .command('list', { isDefault: true })
    .summary('list trusted office certificates')
    .option('--json', 'one JSON array')
    .action(
      ctx.action((_o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        return withSession(
          io,
          o.dataDir,
          (db) => {
            const keys = listTrustedKeys(db);
            if (o.json) io.stdout(JSON.stringify(keys.map(({ pem: _pem, ...k }) => k)));
            else for (const k of keys) io.stdout(`${formatFingerprint(k.fingerprint)}  ${k.subject}  (added ${k.addedAt})`);
            if (!keys.length && !o.json) io.stdout('the trust list is empty');
            return EXIT.OK;
          },
          { readonly: true },
        );
      }),
    );

  trust
    .command('add')
    .summary("trust an office certificate (PEM, as `letter identity --export-cert` writes it)")
    .argument('<cert>', 'certificate file (PEM, - for standard input)')
    .option('--json', '{fingerprint, subject, created} as JSON')
    .action(
      ctx.action((file: string, _o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        const pem = readTextInput(io, file);
        if (pem === null) return EXIT.INVALID_INPUT;
        return withSession(io, o.dataDir, (db) => {
          const r = trustCertificatePem(db, pem, { actor: ACTOR });
          if (!r.ok) {
            io.stderr(`${r.error.code}: ${r.error.message}`);
            return EXIT.INVALID_INPUT;
          }
          if (o.json) io.stdout(JSON.stringify(r.value));
          else io.stdout(`${r.value.created ? 'trusted' : 'already trusted'}: ${r.value.subject}, SHA-256 ${formatFingerprint(r.value.fingerprint)}`);
          return EXIT.OK;
        });
      }),
    );

  trust
    .command('remove')
    .summary('stop trusting an office certificate')
    .argument('<fingerprint>', 'its SHA-256 fingerprint (as trust list prints it)')
    .option('--json', 'the removed entry as JSON')
    .action(
      ctx.action((fingerprint: string, _o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        return withSession(io, o.dataDir, (db) => {
          const r = removeTrustedKey(db, fingerprint, { actor: ACTOR });
          if (!r.ok) {
            io.stderr(`${r.error.code}: ${r.error.message}`);
            return EXIT.INVALID_INPUT;
          }
          if (o.json) io.stdout(JSON.stringify({ fingerprint: r.value.fingerprint, subject: r.value.subject }));
          else io.stdout(`no longer trusted: ${r.value.subject}`);
          return EXIT.OK;
        });
      }),
    );

  letter
    .command('qr')
    .summary('check the QR record a scanner read from a printed letter against the trust list')
    .argument('<record>', 'the scanned text, "TL1:…" (- for standard input)')
    .option('--json', '{status, payload, registry} as JSON')
    .action(
      ctx.action((recordArg: string, _o: unknown, cmd: Command) => {
        const o = optsOf(cmd);
        const record = recordArg === '-' ? (readTextInput(io, '-') ?? '').trim() : recordArg;
        return withSession(
          io,
          o.dataDir,
          (db) => {
            const r = verifyQrRecord(record, trustedQrKeys(db));
            if (!r.ok) {
              if (o.json) io.stdout(JSON.stringify({ status: 'INVALID', reason: r.message }));
              else io.stdout(`INVALID(${r.message})`);
              return EXIT.NEGATIVE;
            }
            const l = getLetter(db, r.payload.n);
            if (o.json) {
              io.stdout(JSON.stringify({ status: 'VALID', payload: r.payload, registry: l ? { status: l.status, voidReason: l.voidReason ?? null } : null }));
              return l?.status === 'void' ? EXIT.NEGATIVE : EXIT.OK;
            }
            io.stdout('VALID');
            for (const line of describeQrPayload(r.payload)) io.stdout(`  ${line}`);
            if (l) io.stdout(`  registry: ${l.status}${l.voidReason ? ` (${l.voidReason})` : ''}`);
            return l?.status === 'void' ? EXIT.NEGATIVE : EXIT.OK;
          },
          { readonly: true },
        );
      }),
    );
}
