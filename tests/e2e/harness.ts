/**
 * End-to-end harness: serves test pages on 127.0.0.1 and launches Debian's Chromium with the
 * built extension through playwright-core. Fails at once, with a clear message, when the
 * build output or the browser is missing (instead of hanging until a timeout).
 *
 * Managed policy: Chromium on Linux reads enterprise policy from /etc/chromium/policies/managed;
 * `launch({ managedPolicy })` writes ClientGuard's entry there (`3rdparty.extensions.<id>`) for
 * the life of that browser and removes it on close. Every launch first removes a file a crashed
 * run may have left, so one test's policy never leaks into another's. Writing there needs root
 * (as in CI); `canSetManagedPolicy()` tells the tests that need it.
 */
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page, type Worker } from 'playwright-core';

/** The nearest folder at or above `from` holding ClientGuard's package.json, or null. */
function findRoot(from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && readFileSync(pkg, 'utf8').includes('"name": "clientguard"')) return dir;
    if (dirname(dir) === dir) return null;
  }
}

/**
 * The checkout: above this module — or, when it runs bundled from a temporary folder (the
 * demo), above the working directory.
 */
export const ROOT = findRoot(import.meta.dirname) ?? findRoot(process.cwd()) ?? process.cwd();
export const EXTENSION_DIR = join(ROOT, '.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Fixed by the manifest `key` (see wxt.config.ts). */
export const EXTENSION_ID = 'hmeffnijjfdihjehnknmnpchohkdjmkd';
export const POLICY_FILE = '/etc/chromium/policies/managed/clientguard-e2e.json';

/** Throws a readable error when something the browser tests need is missing. */
export function checkPrerequisites(dir = EXTENSION_DIR, browser = CHROMIUM): void {
  if (!existsSync(join(dir, 'manifest.json')))
    throw new Error(`No extension build at ${dir}: run \`npm run build\` first.`);
  if (!existsSync(join(dir, 'content-scripts/content.js')))
    throw new Error(`The build at ${dir} has no content script: run \`npm run build\`.`);
  if (!existsSync(browser))
    throw new Error(
      `Browser not found at ${browser}: install it with \`sudo apt-get install chromium firefox-esr\`.`,
    );
}

/** Whether this process may write Chromium's managed policy directory (root, as in CI). */
export function canSetManagedPolicy(): boolean {
  try {
    mkdirSync(dirname(POLICY_FILE), { recursive: true });
    accessSync(dirname(POLICY_FILE), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export type Routes = Record<string, string>;

export interface Site {
  server: Server;
  origin: string;
  url(path: string): string;
  close(): Promise<void>;
}

/** Serves the given HTML routes on 127.0.0.1 at a free port. */
export async function serve(routes: Routes): Promise<Site> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const body = routes[path];
    if (body === undefined) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    server,
    origin,
    url: (p) => origin + p,
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        // Browsers keep idle connections open; close() alone would wait for them.
        server.closeAllConnections();
      }),
  };
}

/** The chrome.* calls the harness makes inside the service worker. */
interface ChromeStorageApi {
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
}

export interface Browser {
  context: BrowserContext;
  worker: Worker;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** The admin's policy, pushed through Chromium's managed storage (needs root). */
  managedPolicy?: unknown;
  /** Wait until the compiled policy in force has this source ('managed' after a push). */
  expectSource?: 'default' | 'managed';
  headless?: boolean;
  /** Extra Chromium flags. */
  args?: string[];
  /** The browser's UI language, which the extension's texts follow (default en-US). */
  lang?: 'en-US' | 'zh-CN';
}

/** Launches Chromium with the extension loaded, in a fresh profile. */
export async function launch(options: LaunchOptions = {}): Promise<Browser> {
  checkPrerequisites();
  rmSync(POLICY_FILE, { force: true });
  if (options.managedPolicy !== undefined) {
    mkdirSync(dirname(POLICY_FILE), { recursive: true });
    const doc = {
      '3rdparty': { extensions: { [EXTENSION_ID]: { policy: options.managedPolicy } } },
    };
    writeFileSync(POLICY_FILE, JSON.stringify(doc));
  }
  const profile = mkdtempSync(join(tmpdir(), 'clientguard-e2e-'));
  const args = [
    `--disable-extensions-except=${EXTENSION_DIR}`,
    `--load-extension=${EXTENSION_DIR}`,
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
    '--disable-gpu',
    `--lang=${options.lang ?? 'en-US'}`,
    ...(options.args ?? []),
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const cleanup = () => {
    if (options.managedPolicy !== undefined) rmSync(POLICY_FILE, { force: true });
    rmSync(profile, { recursive: true, force: true });
  };
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: options.headless ?? true,
      // On Linux, Chromium takes its UI language from the environment, not from --lang.
      env: { ...process.env, LANGUAGE: (options.lang ?? 'en-US').replace('-', '_') },
      args,
      timeout: 30_000,
      viewport: { width: 1000, height: 700 },
      ignoreDefaultArgs: [
        '--disable-extensions',
        '--disable-component-extensions-with-background-pages',
      ],
    });
  } catch (e) {
    cleanup();
    throw e;
  }
  try {
    // Wait for the extension's service worker so the policy is in place before the first paste.
    const worker =
      context.serviceWorkers().find((w) => w.url().includes(EXTENSION_ID)) ??
      (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    // Chrome answers storage.managed only once its policy service is up (seconds after a cold
    // start); until then frames take the safe hold path. Tests start from the steady state.
    const want =
      options.expectSource ?? (options.managedPolicy === undefined ? 'default' : 'managed');
    const source = () =>
      worker.evaluate(async () => {
        const { chrome } = globalThis as unknown as { chrome: ChromeStorageApi };
        const got = await chrome.storage.local.get('compiledPolicy');
        return (got.compiledPolicy as { source?: string } | undefined)?.source ?? null;
      });
    const deadline = Date.now() + 20_000;
    while ((await source()) !== want) {
      if (Date.now() > deadline)
        throw new Error(
          `The extension never put a ${want} policy in force (got ${await source()}; see the service worker console).`,
        );
      await new Promise((r) => setTimeout(r, 100));
    }
    return {
      context,
      worker,
      async close() {
        await context.close();
        cleanup();
      },
    };
  } catch (e) {
    await context.close().catch(() => undefined);
    cleanup();
    throw e;
  }
}

/** Puts text (and optionally HTML) on the real clipboard and presses Ctrl+V in `selector`. */
export async function pasteInto(
  page: Page,
  selector: string,
  text: string,
  html?: string,
): Promise<void> {
  await writeClipboard(page, text, html);
  await page.locator(selector).first().click();
  await page.keyboard.press('Control+V');
}

/** Puts text (and optionally HTML) on the real clipboard from `page`. */
export async function writeClipboard(page: Page, text: string, html?: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(page.url()).origin,
  });
  await page.evaluate(
    async ([t, h]) => {
      if (h) {
        await navigator.clipboard.write([
          new ClipboardItem({
            'text/plain': new Blob([t!], { type: 'text/plain' }),
            'text/html': new Blob([h], { type: 'text/html' }),
          }),
        ]);
      } else await navigator.clipboard.writeText(t!);
    },
    [text, html ?? ''] as const,
  );
}

interface CdpNode {
  nodeType: number;
  nodeName: string;
  nodeValue?: string;
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  contentDocument?: CdpNode;
}

/**
 * The text the user sees in ClientGuard's notices on the page (frames included). The notice
 * lives in a closed shadow root that page scripts, and Playwright's selectors, cannot enter;
 * the DevTools protocol's pierce mode can, so the test reads exactly what is rendered.
 */
export async function noticeTexts(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as {
      root: CdpNode;
    };
    const texts: string[] = [];
    const textOf = (n: CdpNode): string => {
      if (n.nodeName === 'STYLE') return '';
      if (n.nodeType === 3) return n.nodeValue ?? '';
      return [...(n.shadowRoots ?? []), ...(n.children ?? [])].map(textOf).join(' ');
    };
    const walk = (n: CdpNode) => {
      if (n.nodeName === 'CLIENTGUARD-NOTICE') texts.push(textOf(n).replace(/\s+/g, ' ').trim());
      for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) walk(c);
      if (n.contentDocument) walk(n.contentDocument);
    };
    walk(root);
    return texts;
  } finally {
    await cdp.detach();
  }
}

/** Removes ClientGuard's notices from the page, as if the user had dismissed them. */
export async function dismissNotices(page: Page | Frame): Promise<void> {
  await page.evaluate(() =>
    document.querySelectorAll('clientguard-notice').forEach((n) => n.remove()),
  );
}

/** The value of a form field, or the text of any other element. */
export function fieldValue(f: Page | Frame, selector: string): Promise<string> {
  return f
    .locator(selector)
    .evaluate((el) =>
      el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement
        ? el.value
        : ((el as HTMLElement).innerText ?? ''),
    );
}

/** Reads a JSON fixture from tests/fixtures. */
export function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(ROOT, 'tests/fixtures', name), 'utf8')) as T;
}
