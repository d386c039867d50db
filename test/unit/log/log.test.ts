// The core's log (main/core/log.ts) on a real folder: levels filter, size-based rotation keeps the newest
// N files and never lets one grow past the limit, secrets (passphrases, tokens, private keys, credentials
// in any shape) never reach the file, and a real child process's uncaught exception and unhandled
// rejection are logged while Node still exits as it would without the logger.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { createLogger, fileLogger, logLevelFrom } from '../../../main/core/log';

const ROOT = resolve(import.meta.dirname, '../../..');
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'tierline-log-'));
  dirs.push(d);
  return d;
};
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

test('levels: TIERLINE_LOG_LEVEL picks one of error, warn, info, debug (default info); lower entries are dropped', () => {
  assert.equal(logLevelFrom({}), 'info');
  assert.equal(logLevelFrom({ TIERLINE_LOG_LEVEL: 'DEBUG' }), 'debug');
  assert.equal(logLevelFrom({ TIERLINE_LOG_LEVEL: 'verbose' }), 'info');
  const dir = tmp();
  const log = createLogger({ dir, level: 'warn' });
  log.error('a', 'one');
  log.warn('b', 'two');
  log.info('c', 'three');
  log.debug('d', 'four');
  const lines = readFileSync(join(dir, 'tierline.log'), 'utf8').trim().split('\n');
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^\d{4}-\d\d-\d\dT[\d:.]+Z ERROR \[a\] one$/);
  assert.match(lines[1], /^\S+ WARN {2}\[b\] two$/);
  const debug = createLogger({ dir, name: 'debug.log', level: 'debug' });
  debug.debug('d', 'four');
  assert.match(readFileSync(join(dir, 'debug.log'), 'utf8'), /DEBUG \[d\] four/);
});

test('rotation: past maxBytes the file moves to tierline.1.log, older ones shift, only `keep` are kept', () => {
  const dir = tmp();
  const log = createLogger({ dir, level: 'info', maxBytes: 1000, keep: 3 });
  for (let i = 0; i < 200; i++) log.info('fill', `entry ${String(i).padStart(3, '0')} ${'x'.repeat(40)}`);
  const files = readdirSync(dir).sort();
  assert.deepEqual(files, ['tierline.1.log', 'tierline.2.log', 'tierline.3.log', 'tierline.log']);
  for (const f of files) assert.ok(statSync(join(dir, f)).size <= 1000, `${f} is ${statSync(join(dir, f)).size} bytes`);
  // Newest last entry in tierline.log, and the rotated files hold the entries just before it, in order.
  const all = ['tierline.3.log', 'tierline.2.log', 'tierline.1.log', 'tierline.log'].flatMap((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n'));
  const nums = all.map((l) => Number(/entry (\d+)/.exec(l)![1]));
  assert.equal(nums.at(-1), 199);
  assert.deepEqual(nums, nums.map((_, i) => nums[0] + i), 'consecutive, nothing lost between files');
  assert.ok(nums[0] > 0, 'the oldest entries were dropped');
});

test('nothing secret is ever written: private keys, passphrases, tokens, credentials', () => {
  const dir = tmp();
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const rsaEncrypted = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'x' }).toString();
  const secrets = ['hunter2-correct-horse', 'tok_9f8e7d6c5b4a39281706', 'sk-live-ABCDEF0123456789', 'QmFzaWNDcmVkZW50aWFs'];
  const logError = fileLogger(dir);
  logError('identity.create', new Error(`could not read the key:\n${pem}`));
  logError('identity.unlock', new Error(`bad input {"passphrase":"${secrets[0]}"}`));
  logError('serve', `GET /api/cases.list?token=${secrets[1]} with Authorization: Bearer ${secrets[1]}`);
  logError('export', { passphrase: secrets[0], apiKey: 'fine', nested: { privateKey: pem, token: secrets[1], secret: secrets[2] }, count: 3 });
  logError('settings', `passphrase=${secrets[0]}; password: '${secrets[0]}', api_key=${secrets[2]}`);
  logError('http', `Authorization: Basic ${secrets[3]}`);
  logError('pkcs8', rsaEncrypted);
  logError('cause', new Error('outer', { cause: new Error(`inner token=${secrets[1]}`) }));
  const text = readFileSync(join(dir, 'tierline.log'), 'utf8');
  for (const s of secrets) assert.ok(!text.includes(s), `"${s}" reached the log:\n${text}`);
  assert.ok(!text.includes('PRIVATE KEY-----') && !text.includes(pem.split('\n')[1]), 'a private key reached the log');
  assert.ok(!text.includes(rsaEncrypted.split('\n')[1]));
  assert.match(text, /\[redacted private key\]/);
  assert.match(text, /"passphrase":\[redacted\]/);
  assert.match(text, /"count":3/, 'ordinary fields are kept');
  assert.match(text, /caused by: Error: inner token=\[redacted\]/);
  assert.equal(text.trim().split('\n').filter((l) => /^\S+ ERROR /.test(l)).length, 8, 'every entry was written');
});

test('a real process: an uncaught exception and an unhandled rejection are logged, and Node still exits with 1', () => {
  for (const [kind, code, expect] of [
    ['throw', "setTimeout(() => { throw new Error('boom passphrase=letmein'); }, 0);", /ERROR \[uncaught-exception\] Error: boom passphrase=\[redacted\]/],
    ['reject', "Promise.reject(new Error('rejected on purpose'));", /ERROR \[unhandled-rejection\] Error: rejected on purpose/],
  ] as const) {
    const dir = tmp();
    const script = join(dir, `${kind}.ts`);
    writeFileSync(script, `import { createLogger, logCrashes } from ${JSON.stringify(join(ROOT, 'main/core/log.ts'))};\nlogCrashes(createLogger({ dir: ${JSON.stringify(dir)}, level: 'error' }));\n${code}\n`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 1, `${kind}: exit ${r.status}\n${r.stderr}`);
    assert.ok(existsSync(join(dir, 'tierline.log')), `${kind}: no log`);
    const text = readFileSync(join(dir, 'tierline.log'), 'utf8');
    assert.match(text, expect);
    assert.ok(!text.includes('letmein'));
  }
});
