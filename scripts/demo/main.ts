/**
 * The demo behind `npm run demo` (see scripts/demo.mjs). Steps:
 *   1. make sure Debian's Chromium is installed (apt-get, with sudo when not root);
 *   2. build the Chrome extension (skip with --no-build);
 *   3. serve a webmail page that plays an unapproved site on 127.0.0.1;
 *   4. with a display: open Chromium with the extension on that page and wait until the window
 *      is closed; without one (or with --headless): paste benign text, a client record and one
 *      contact through the real clipboard, print what ClientGuard did, open the popup, export
 *      the log as CSV, and save screenshots and the export under .demo/.
 * Returns the exit status (0 when every scripted step behaved as expected).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  CHROMIUM,
  EXTENSION_ID,
  ROOT,
  dismissNotices,
  fieldValue,
  launch,
  noticeTexts,
  pasteInto,
  serve,
} from '../../tests/e2e/harness';
import { SAMPLES, webmailPage } from './page';

const OUT = join(ROOT, '.demo');

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function run(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT }).status === 0;
}

/** Installs Debian's chromium when it is missing. */
function ensureChromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  say(`Chromium is not installed at ${CHROMIUM}; installing Debian's chromium with apt-get…`);
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (...a: string[]) =>
    sudo.length ? run('sudo', ['apt-get', ...a]) : run('apt-get', [...a]);
  if (!apt('update', '-qq') || !apt('install', '-y', '-qq', 'chromium') || !existsSync(CHROMIUM)) {
    say('Could not install chromium. Install it with `sudo apt-get install chromium` and retry.');
    return false;
  }
  return true;
}

async function paste(page: Page, label: string, text: string): Promise<string[]> {
  await dismissNotices(page);
  await page.locator('#body').fill('');
  await pasteInto(page, '#body', text);
  await page.waitForTimeout(400);
  const value = await fieldValue(page, '#body');
  const notices = await noticeTexts(page);
  const reached = value === text;
  say(`• ${label}`);
  say(
    `    field after Ctrl+V: ${reached ? 'the text arrived unchanged' : value === '' ? 'empty (nothing was pasted)' : 'changed'}`,
  );
  for (const n of notices) say(`    ClientGuard notice: ${n}`);
  if (notices.length === 0) say('    no notice shown');
  return [reached ? 'allowed' : 'blocked', ...notices];
}

async function scripted(origin: string): Promise<number> {
  const browser = await launch();
  let failures = 0;
  const expect = (ok: boolean, what: string) => {
    if (!ok) {
      failures++;
      say(`    ✖ expected: ${what}`);
    }
  };
  try {
    const page = await browser.context.newPage();
    await page.goto(`${origin}/mail`);
    say(
      `\nScripted demo on ${origin}/mail (FreeMail, an unapproved site), embedded default policy:\n`,
    );

    const [benign] = await paste(page, '1. ordinary text', SAMPLES.benign);
    expect(benign === 'allowed', 'ordinary text goes through');

    const [record, notice] = await paste(
      page,
      '2. a client record (ID, mobile, bank card, credit code)',
      SAMPLES.clientRecord,
    );
    expect(
      record === 'blocked' && (notice ?? '').includes('1101**********002X'),
      'the client record is blocked',
    );
    await page.screenshot({ path: join(OUT, 'blocked-paste.png') });

    const [contact] = await paste(
      page,
      '3. one contact (a mobile and an e-mail)',
      SAMPLES.oneContact,
    );
    expect(contact === 'allowed', 'one contact goes through (and is logged)');

    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 580, height: 520 });
    await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
    await popup.locator('tbody tr').first().waitFor({ timeout: 10_000 });
    await popup.screenshot({ path: join(OUT, 'popup.png') });
    say('\nThe popup log (newest first):');
    for (const row of await popup.locator('tbody tr').allInnerTexts())
      say(`    ${row.replace(/\s+/g, ' ')}`);

    const [download] = await Promise.all([
      popup.waitForEvent('download'),
      popup.locator('[data-testid="export-csv"]').click(),
    ]);
    const csvPath = join(OUT, 'clientguard-log.csv');
    await download.saveAs(csvPath);
    const csv = readFileSync(csvPath, 'utf8');
    say(`\nExported CSV (${csvPath}):`);
    for (const line of csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/))
      say(`    ${line}`);
    expect(!csv.includes('11010519491231002X'), 'the export holds no raw ID number');
    expect(csv.includes('1101**********002X'), 'the export holds the masked ID number');
  } finally {
    await browser.close();
  }
  say(`\nScreenshots: ${join(OUT, 'blocked-paste.png')}, ${join(OUT, 'popup.png')}`);
  say(
    failures === 0
      ? 'Demo finished: every step behaved as expected.'
      : `Demo finished with ${failures} unexpected result(s).`,
  );
  return failures === 0 ? 0 : 1;
}

async function headed(origin: string): Promise<number> {
  const browser = await launch({ headless: false });
  const page = await browser.context.newPage();
  await page.goto(`${origin}/mail`);
  say(`\nChromium is open on ${origin}/mail with ClientGuard loaded (embedded default policy).`);
  say('Copy a sample from the right-hand side, paste it into the message, then open the popup.');
  say(`Popup as a page: chrome-extension://${EXTENSION_ID}/popup.html`);
  say('Close the browser window (or press Ctrl+C) to end the demo.');
  await new Promise<void>((resolve) => {
    browser.context.on('close', () => resolve());
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await browser.close().catch(() => undefined);
  return 0;
}

/** Says how to get Chinese glyphs when no CJK font is installed (screenshots show boxes). */
function checkCjkFont(): void {
  const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  if (r.status === 0 && r.stdout.trim() === '')
    say(
      'Note: no Chinese font is installed; Chinese text will show as boxes in screenshots (sudo apt-get install fonts-noto-cjk).',
    );
}

/** Runs the demo; resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
  mkdirSync(OUT, { recursive: true });
  if (!ensureChromium()) return 1;
  checkCjkFont();
  if (!argv.includes('--no-build')) {
    say('Building the extension (npx wxt build)…');
    if (!run('npx', ['wxt', 'build'])) return 1;
  }
  const site = await serve({ '/mail': webmailPage(), '/': webmailPage() });
  try {
    const wantWindow =
      argv.includes('--headed') || (!!process.env.DISPLAY && !argv.includes('--headless'));
    return wantWindow ? await headed(site.origin) : await scripted(site.origin);
  } catch (e) {
    say(`Demo failed: ${(e as Error).message}`);
    return 1;
  } finally {
    await site.close();
  }
}
