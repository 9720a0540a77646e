/**
 * End-to-end harness: serves test pages on 127.0.0.1 and launches Debian's Chromium with the
 * built extension through playwright-core. Fails at once, with a clear message, when the
 * build output or the browser is missing (instead of hanging until a timeout).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const EXTENSION_DIR = join(ROOT, '.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Fixed by the manifest `key` (see wxt.config.ts). */
export const EXTENSION_ID = 'hmeffnijjfdihjehnknmnpchohkdjmkd';

/** Throws a readable error when something the browser tests need is missing. */
export function checkPrerequisites(): void {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json')))
    throw new Error(`No extension build at ${EXTENSION_DIR}: run \`npm run build\` first.`);
  if (!existsSync(join(EXTENSION_DIR, 'content-scripts/content.js')))
    throw new Error(`The build at ${EXTENSION_DIR} has no content script: run \`npm run build\`.`);
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it with \`sudo apt-get install chromium\`.`,
    );
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
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** The one chrome.* call the harness makes inside the service worker. */
interface ChromeStorageApi {
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launches Chromium with the extension loaded, in a fresh profile. */
export async function launch(): Promise<Browser> {
  checkPrerequisites();
  const profile = mkdtempSync(join(tmpdir(), 'clientguard-e2e-'));
  const args = [
    `--disable-extensions-except=${EXTENSION_DIR}`,
    `--load-extension=${EXTENSION_DIR}`,
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
    '--disable-gpu',
    '--lang=en-US',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args,
    timeout: 30_000,
    viewport: { width: 1000, height: 700 },
    ignoreDefaultArgs: [
      '--disable-extensions',
      '--disable-component-extensions-with-background-pages',
    ],
  });
  // Wait for the extension's service worker so the policy is in place before the first paste.
  const worker =
    context.serviceWorkers().find((w) => w.url().includes(EXTENSION_ID)) ??
    (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  // Chrome answers storage.managed only once its policy service is up (seconds after a cold
  // start); until then frames take the safe hold path. Tests start from the steady state.
  const deadline = Date.now() + 20_000;
  const policyCompiled = () =>
    worker.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: ChromeStorageApi };
      return 'compiledPolicy' in (await chrome.storage.local.get('compiledPolicy'));
    });
  while (!(await policyCompiled())) {
    if (Date.now() > deadline)
      throw new Error('The extension never compiled its policy (see the service worker console).');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Puts text (and optionally HTML) on the real clipboard and presses Ctrl+V in `selector`. */
export async function pasteInto(
  page: Page,
  selector: string,
  text: string,
  html?: string,
): Promise<void> {
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
  await page.locator(selector).first().click();
  await page.keyboard.press('Control+V');
}

/** Reads a JSON fixture from tests/fixtures. */
export function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(ROOT, 'tests/fixtures', name), 'utf8')) as T;
}
