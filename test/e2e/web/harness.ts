// The Chromium end-to-end harness: the built renderer served on 127.0.0.1 with the shell's own CSP
// headers, Debian Chromium driven by playwright-core, and the real core (SQLite file in a temp folder,
// real engine, real letters) bridged into the page as window.tierline, exactly as the preload does:
// page.exposeBinding carries each call (serialised like IPC) to dispatch(channel, payload, ctx).
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { closeResources, dispatch, headlessPlatform, type HandlerContext, type PlatformServices } from '../../../main/core/handlers';
import { fileLogger } from '../../../main/core/log';
import { startServe, type RunningServer } from '../../../main/core/serve';
import { resolveAppPath, responseHeaders } from '../../../main/shell/security';
import { CHANNEL_NAMES } from '../../../shared/ipc/channels';
import { err, ok } from '../../../shared/ipc/result';
import { after, before } from 'node:test';

export const ROOT = resolve(import.meta.dirname, '..', '..', '..');
export const RENDERER = join(ROOT, 'dist', 'renderer');
export const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');
export const CHROMIUM = process.env.TIERLINE_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

/** The reason the suite cannot run here, or null. */
export function missingPrerequisite(): string | null {
  if (!existsSync(join(RENDERER, 'index.html'))) return 'the renderer is not built: run `npm run build:renderer` first';
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM}: apt-get install chromium`;
  return null;
}

/** Serves dist/renderer the way the app:// protocol does (same path rules, same CSP header). */
export async function startServer(): Promise<{ origin: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const file = resolveAppPath(RENDERER, `app://tierline${req.url ?? '/'}`);
    if (!file || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, responseHeaders(file));
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

/**
 * One static server and one browser per suite, started before its tests and closed after them. Call it
 * inside describe(); read `.browser` and `.origin` inside the tests.
 */
export function suiteBrowser(): { readonly browser: Browser; readonly origin: string } {
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get browser() {
      return browser!;
    },
    get origin() {
      return server!.origin;
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

export interface TestPlatform extends PlatformServices {
  saved: { path: string; bytes: Uint8Array }[];
  printed: string[];
  /** Files the next open dialogs return, in order. */
  toOpen: { name: string; bytes: Uint8Array }[];
}

function testPlatform(dir: string): TestPlatform {
  const p: TestPlatform = {
    saved: [],
    printed: [],
    toOpen: [],
    async openFile() {
      const f = p.toOpen.shift();
      if (!f) return err('CANCELLED', 'No file was chosen.');
      return ok({ name: f.name, base64: Buffer.from(f.bytes).toString('base64') });
    },
    async saveFile({ defaultName, bytes }) {
      const path = join(dir, defaultName.replace(/[\\/]/g, '_'));
      writeFileSync(path, bytes);
      p.saved.push({ path, bytes });
      return ok({ path });
    },
    async printPdf({ title }) {
      p.printed.push(title);
      return ok({ printed: true });
    },
  };
  return p;
}

export interface AppSession {
  page: Page;
  context: BrowserContext;
  ctx: HandlerContext;
  platform: TestPlatform;
  dataDir: string;
  /** Requests the page tried to send anywhere but the app's own origin (all refused). */
  blocked: string[];
  /** Uncaught page errors and console errors. */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openApp(browser: Browser, origin: string, hash = '#/cases', opts: { today?: string } = {}): Promise<AppSession> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tierline-e2e-'));
  const platform = testPlatform(join(dataDir, 'saved'));
  mkdirSync(join(dataDir, 'saved'));
  const pageErrors: string[] = [];
  const ctx: HandlerContext = {
    dataDir,
    actor: 'e2e',
    appVersion: '0.1.0',
    platform,
    today: () => opts.today ?? '2026-11-26',
    logError: (channel, e) => pageErrors.push(`core ${channel}: ${e instanceof Error ? e.stack : String(e)}`),
    resources: new Map(),
  };
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, acceptDownloads: false, serviceWorkers: 'block', locale: 'en-US', timezoneId: 'UTC' });
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  // JSON round trip on both sides: the page sees exactly what Electron's structured clone would carry.
  await context.exposeBinding('__tierlineInvoke', async (_source, channel: unknown, payload: unknown) =>
    JSON.parse(JSON.stringify(await dispatch(channel, payload === undefined ? undefined : JSON.parse(JSON.stringify(payload)), ctx))),
  );
  await context.addInitScript((channels: string[]) => {
    const invoke = (window as unknown as { __tierlineInvoke: (c: unknown, p: unknown) => Promise<unknown> }).__tierlineInvoke;
    const api = Object.freeze({
      channels: Object.freeze([...channels]),
      invoke(channel: unknown, payload: unknown): Promise<unknown> {
        if (typeof channel !== 'string' || !channels.includes(channel)) {
          return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `"${String(channel).slice(0, 100)}" is not a Tierline channel.` } });
        }
        return invoke(channel, payload);
      },
    });
    Object.defineProperty(window, 'tierline', { value: api, writable: false, configurable: false });
  }, [...CHANNEL_NAMES]);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`page: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
  });
  await page.goto(`${origin}/index.html${hash}`);
  await page.waitForSelector('html[data-ready="true"]');
  return {
    page,
    context,
    ctx,
    platform,
    dataDir,
    blocked,
    pageErrors,
    async close() {
      await context.close();
      closeResources(ctx);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Let dialog and toast transitions finish so the picture shows the settled screen.
  await page.waitForFunction(() => !document.querySelector('.bp6-overlay-enter-active, .bp6-overlay-appear-active, .bp6-overlay-exit-active, .bp6-toast-enter-active'));
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** axe-core on the current screen: no serious or critical violations. */
export async function assertAccessible(page: Page, label: string): Promise<void> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`),
    [],
    `accessibility violations on ${label}`,
  );
}

export function fixtureCase(name = 'sc01-aia-germany.json'): Record<string, unknown> {
  return JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'cases', name), 'utf8')) as Record<string, unknown>;
}

/**
 * The workbench as `tierline serve` runs it: the real HTTP server (token, Host and Origin checks, the
 * API through dispatch) on 127.0.0.1 with its own temp data folder, and a page opened at the printed URL.
 * No bridge: the page finds no window.tierline and talks HTTP. Downloads are what "save" does here.
 */
export interface ServedSession {
  page: Page;
  context: BrowserContext;
  ctx: HandlerContext;
  server: RunningServer;
  dataDir: string;
  /** Files the page downloaded (its "save"), in order. */
  downloads: { name: string; bytes: Buffer }[];
  blocked: string[];
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openServed(browser: Browser, hash = '#/cases', opts: { today?: string; viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark'; locale?: string; timezoneId?: string } = {}): Promise<ServedSession> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tierline-served-'));
  const pageErrors: string[] = [];
  const log = fileLogger(dataDir);
  const ctx: HandlerContext = {
    dataDir,
    actor: 'browser',
    appVersion: '0.1.0',
    platform: headlessPlatform,
    today: () => opts.today ?? '2026-11-26',
    logError: (channel, e) => {
      log(channel, e);
      pageErrors.push(`core ${channel}: ${e instanceof Error ? e.stack : String(e)}`);
    },
    resources: new Map(),
  };
  const server = await startServe({ ctx, rendererDir: RENDERER });
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1440, height: 900 },
    deviceScaleFactor: 1,
    acceptDownloads: true,
    serviceWorkers: 'block',
    colorScheme: opts.colorScheme ?? 'light',
    // Dates and numbers follow the browser's locale: pin it so a test reads the same on every machine.
    locale: opts.locale ?? 'en-US',
    ...(opts.timezoneId ? { timezoneId: opts.timezoneId } : {}),
  });
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${server.origin}/`) || url.startsWith('blob:')) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  const downloads: ServedSession['downloads'] = [];
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`page: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
  });
  page.on('download', (d) => {
    void d.path().then((p) => downloads.push({ name: d.suggestedFilename(), bytes: readFileSync(p) }));
  });
  await page.goto(`${server.url}${hash.startsWith('#') ? `&${hash.slice(1)}` : ''}`);
  await page.waitForSelector('html[data-ready="true"]');
  return {
    page,
    context,
    ctx,
    server,
    dataDir,
    downloads,
    blocked,
    pageErrors,
    async close() {
      await context.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Fails when the page scrolls sideways (content wider than the window). */
export async function assertNoHorizontalOverflow(page: Page, label: string): Promise<void> {
  const r = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth, body: document.body.scrollWidth }));
  assert.ok(r.scroll <= r.width && r.body <= r.width, `${label}: the page is ${Math.max(r.scroll, r.body)} px wide in a ${r.width} px window`);
}

/** The given test ids in the order the page reads them (document order), missing ones left out. */
export async function readingOrder(page: Page, testIds: string[]): Promise<string[]> {
  return page.evaluate((ids) => {
    const found = ids.map((id) => ({ id, el: document.querySelector(`[data-testid="${id}"]`) })).filter((x): x is { id: string; el: Element } => x.el !== null);
    return found.sort((a, b) => (a.el.compareDocumentPosition(b.el) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1)).map((x) => x.id);
  }, testIds);
}

/** Fails unless the element is wholly inside the window without scrolling (seen at a glance). */
export async function assertInFirstView(page: Page, testId: string, label: string): Promise<void> {
  const box = await page.getByTestId(testId).boundingBox();
  const vp = page.viewportSize();
  assert.ok(box && vp, `${label}: ${testId} is not shown`);
  assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= vp.width && box.y + box.height <= vp.height, `${label}: ${testId} at ${JSON.stringify(box)} is not wholly inside the ${vp.width}×${vp.height} window`);
}
