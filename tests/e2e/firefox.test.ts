/**
 * The Firefox build in Debian's Firefox ESR, driven by puppeteer-core over WebDriver BiDi: the
 * build is installed as a temporary add-on (no signing needed), the policy comes from a managed
 * storage manifest in a throw-away $HOME, and pastes go through the real clipboard and Ctrl+V.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, checkPrerequisites, serve, type Site } from './harness';
import { fieldsPage } from './pages';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const FIREFOX_BUILD = join(ROOT, '.output/firefox-mv2');
const ADDON_ID = 'clientguard@clientguard.example';
/** Fixed through a preference so the test can open the popup page. */
const ADDON_UUID = '6f1d3c2a-9b7e-4c55-8a0d-c1e2f3a4b5c6';

const ID = '11010519491231002X';
const ID_MASKED = '1101**********002X';
const CLIENT_TEXT = `客户资料：张三，身份证号 ${ID}，请尽快办理。`;
const BENIGN = 'Meeting moved to 3pm, room 1204. 会议改到下午三点。';

let approved: Site;
let other: Site;
let browser: Browser;
let home: string;

beforeAll(async () => {
  checkPrerequisites(FIREFOX_BUILD, FIREFOX);
  approved = await serve({ '/crm': fieldsPage('CRM (approved)') });
  other = await serve({ '/chat': fieldsPage('Chat (unapproved)') });
  home = mkdtempSync(join(tmpdir(), 'clientguard-ff-home-'));
  const managed = join(home, '.mozilla/managed-storage');
  mkdirSync(managed, { recursive: true });
  writeFileSync(
    join(managed, `${ADDON_ID}.json`),
    JSON.stringify({
      name: ADDON_ID,
      description: 'ClientGuard test policy',
      type: 'storage',
      data: {
        policy: {
          version: 1,
          name: 'Firefox test policy',
          approvedSites: [new URL(approved.origin).host],
          rules: [{ id: 'ff-block-ids', types: ['CN_ID'], action: 'block' }],
        },
      },
    }),
  );
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocol: 'webDriverBiDi',
    env: { ...process.env, HOME: home },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
    },
  });
  await browser.installExtension(FIREFOX_BUILD);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await approved?.close();
  await other?.close();
  if (home && existsSync(home)) rmSync(home, { recursive: true, force: true });
});

async function open(url: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(url);
  return page;
}

/** Real Ctrl+V after putting `text` on the clipboard from the page. */
async function paste(page: Page, selector: string, text: string): Promise<void> {
  await page.click(selector);
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.down('Control');
  await page.keyboard.press('v');
  await page.keyboard.up('Control');
}

const value = (page: Page, sel: string) =>
  page.$eval(sel, (el) => (el as HTMLTextAreaElement).value);
const pastes = (page: Page) =>
  page.evaluate(() => (window as unknown as { __pastes: string[] }).__pastes);
const notices = (page: Page) =>
  page.evaluate(() => document.querySelectorAll('clientguard-notice').length);

/** Polls `read` until it returns `want` (the content script works asynchronously to the test). */
async function until<T>(read: () => Promise<T>, want: T, timeout = 10_000): Promise<T> {
  const deadline = Date.now() + timeout;
  let got = await read();
  while (JSON.stringify(got) !== JSON.stringify(want) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    got = await read();
  }
  return got;
}

describe('Firefox', () => {
  it('blocks an ID number on an unapproved site: field unchanged, page listener silent, notice', async () => {
    const page = await open(other.url('/chat'));
    // The managed policy arrives a moment after the add-on starts; a paste before that is held
    // and decided by the same policy, so the outcome is the same either way.
    await paste(page, '#ta', CLIENT_TEXT);
    expect(await until(() => notices(page), 1)).toBe(1);
    expect(await value(page, '#ta')).toBe('');
    expect(await pastes(page)).toEqual([]);
    await page.close();
  });

  it('lets benign text through unchanged', async () => {
    const page = await open(other.url('/chat'));
    await paste(page, '#ta', BENIGN);
    expect(await until(() => value(page, '#ta'), BENIGN)).toBe(BENIGN);
    expect(await pastes(page)).toEqual(['ta']);
    expect(await notices(page)).toBe(0);
    await page.close();
  });

  it('lets client data through on the site the managed policy approves', async () => {
    const page = await open(approved.url('/crm'));
    await paste(page, '#ta', CLIENT_TEXT);
    expect(await until(() => value(page, '#ta'), CLIENT_TEXT)).toBe(CLIENT_TEXT);
    expect(await notices(page)).toBe(0);
    await page.close();
  });

  it('shows the policy and the blocked paste, masked, in the popup', async () => {
    const popup = await browser.newPage();
    // WebDriver BiDi reports no load event for moz-extension pages: navigate, then poll.
    await popup
      .goto(`moz-extension://${ADDON_UUID}/popup.html`, { timeout: 3_000 })
      .catch(() => undefined);
    const text = () => popup.evaluate(() => document.body?.innerText ?? '').catch(() => '');
    const deadline = Date.now() + 10_000;
    while (!(await text()).includes(ID_MASKED) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    const body = await text();
    expect(body).toContain('Firefox test policy');
    expect(body).toContain(ID_MASKED);
    expect(body).toContain('ff-block-ids');
    expect(body).not.toContain(ID);
    await popup.close();
  });
});
