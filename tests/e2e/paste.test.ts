/**
 * The first slice end to end: real Chromium, the built extension, pages on 127.0.0.1, real
 * Ctrl+V through the clipboard, the embedded default policy (every site unapproved).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXTENSION_ID,
  ROOT,
  dismissNotices,
  fieldValue,
  launch,
  noticeTexts,
  pasteInto,
  serve,
  type Browser,
  type Site,
  writeClipboard,
} from './harness';
import { editorPage, fieldsPage, framesPage, smallFramePage, widgetPage } from './pages';

const ID = '11010519491231002X';
const ID_MASKED = '1101**********002X';
const CLIENT_TEXT = `客户资料：张三，身份证号 ${ID}，请尽快办理。`;
const BENIGN = 'Meeting moved to 3pm, room 1204. 会议改到下午三点。';

let browser: Browser;
let site: Site;

beforeAll(async () => {
  site = await serve({
    '/unapproved': fieldsPage('Personal webmail (unapproved)'),
    '/frames': framesPage(),
    '/child': fieldsPage('Child frame'),
    '/editor': editorPage(),
  });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function open(path: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(site.url(path));
  return page;
}

const value = fieldValue;
const pastes = (f: Page | Frame) =>
  f.evaluate(() => (window as unknown as { __pastes: string[] }).__pastes);
const noticeCount = (f: Page | Frame) => f.locator('clientguard-notice').count();

describe('paste into an unapproved site under the default policy', () => {
  it('(a) blocks a valid ID number in a textarea: field unchanged, page listener silent, notice shown', async () => {
    const page = await open('/unapproved');
    await pasteInto(page, '#ta', CLIENT_TEXT);
    await expect.poll(() => noticeCount(page)).toBe(1);
    expect(await value(page, '#ta')).toBe('');
    expect(await pastes(page)).toEqual([]);
    const box = await page.locator('clientguard-notice').evaluate((el) => ({
      attached: el.isConnected,
      state: el.getAttribute('data-state'),
    }));
    expect(box).toEqual({ attached: true, state: 'blocked' });
    // What the user reads: the title, the masked value, the default rule's message. Never the ID.
    const [notice] = await noticeTexts(page);
    expect(notice).toContain('ClientGuard blocked this paste');
    expect(notice).toContain(ID_MASKED);
    expect(notice).toContain('may only be pasted into approved sites');
    expect(notice).toContain('block-identifiers');
    expect(notice).not.toContain(ID);
    await page.screenshot({ path: 'test-results/blocked-paste.png' });
    await page.close();
  });

  it('(b) lets benign text through unchanged, with no notice', async () => {
    const page = await open('/unapproved');
    await pasteInto(page, '#ta', BENIGN);
    await expect.poll(() => value(page, '#ta')).toBe(BENIGN);
    expect(await pastes(page)).toEqual(['ta']);
    expect(await noticeCount(page)).toBe(0);
    await page.close();
  });

  it('lets a rich (HTML) paste of benign text through with its HTML', async () => {
    const page = await open('/unapproved');
    await pasteInto(page, '#ce', 'bold move', '<b>bold</b> move');
    await expect.poll(() => page.locator('#ce').innerHTML()).toContain('<b>bold</b>');
    expect(await noticeCount(page)).toBe(0);
    await page.close();
  });

  it('(d) blocks client data in an input field and in a contenteditable element', async () => {
    const page = await open('/unapproved');
    await pasteInto(page, '#inp', CLIENT_TEXT);
    await expect.poll(() => noticeCount(page)).toBe(1);
    expect(await value(page, '#inp')).toBe('');
    await pasteInto(page, '#ce', CLIENT_TEXT);
    await page.waitForTimeout(200);
    expect(await page.locator('#ce').innerText()).toBe('');
    expect(await pastes(page)).toEqual([]);
    // Benign text still reaches both.
    await pasteInto(page, '#inp', 'hello');
    await expect.poll(() => value(page, '#inp')).toBe('hello');
    await pasteInto(page, '#ce', 'world');
    await expect.poll(() => page.locator('#ce').innerText()).toBe('world');
    await page.close();
  });

  it('blocks client data carried only in the HTML of a rich paste', async () => {
    const page = await open('/unapproved');
    await pasteInto(
      page,
      '#ce',
      'see table',
      `<table><tr><td>张三</td><td>${ID}</td></tr></table>`,
    );
    await expect.poll(() => noticeCount(page)).toBe(1);
    expect(await page.locator('#ce').innerText()).toBe('');
    await page.close();
  });

  it('(e) guards a same-origin iframe and a srcdoc iframe', async () => {
    const page = await open('/frames');
    for (const id of ['same', 'srcdoc']) {
      const frame = page.frameLocator(`#${id}`);
      const handle = (await page.locator(`#${id}`).elementHandle())!;
      const f = (await handle.contentFrame())!;
      await f.waitForLoadState();
      await page
        .context()
        .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
      await page.evaluate(async (text) => navigator.clipboard.writeText(text), CLIENT_TEXT);
      await frame.locator('#ta').click();
      await page.keyboard.press('Control+V');
      await expect.poll(() => noticeCount(f), { message: `notice in ${id} frame` }).toBe(1);
      expect(await value(f, '#ta')).toBe('');
      expect(await pastes(f)).toEqual([]);
      // And benign text passes in the same frame (once the user dismissed the notice, which
      // covers most of a frame this small).
      await dismissNotices(f);
      await page.evaluate(async (text) => navigator.clipboard.writeText(text), BENIGN);
      await frame.locator('#ta').click();
      await page.keyboard.press('Control+V');
      await expect.poll(() => value(f, '#ta')).toBe(BENIGN);
    }
    await page.close();
  });

  it('holds a 5 MB paste off the hot path, then hands it to the page editor or blocks it', async () => {
    const page = await open('/editor');
    const line = 'Quarterly review notes, 季度复盘纪要, nothing sensitive here. '.repeat(20) + '\n';
    const big = line.repeat(Math.ceil((5 * 1024 * 1024) / line.length));
    const editor = () =>
      page.evaluate(
        () => (window as unknown as { __editor: { plain: number; html: number }[] }).__editor,
      );
    // Allowed: the page's editor receives the whole text in a new paste event.
    await pasteInto(page, '#editor', big, `<p>${big.slice(0, 1000)}</p>`);
    await expect.poll(editor, { timeout: 30_000 }).toHaveLength(1);
    const [got] = await editor();
    expect(got!.plain).toBe(big.length);
    expect(got!.html).toBeGreaterThanOrEqual(1007); // the browser may wrap the HTML it copied
    expect(await noticeCount(page)).toBe(0);
    // Blocked: client data at the very end of 5 MB still stops it, and the editor gets nothing.
    await pasteInto(page, '#editor', big + CLIENT_TEXT);
    await expect.poll(() => noticeCount(page), { timeout: 30_000 }).toBe(1);
    expect(await editor()).toHaveLength(1);
    const [notice] = await noticeTexts(page);
    expect(notice).toContain(ID_MASKED);
    await page.close();
  });

  it('inserts a held paste at the caret when the page does not handle pastes itself', async () => {
    const page = await open('/unapproved');
    const line = 'Quarterly review notes, 季度复盘纪要, nothing sensitive here. '.repeat(20) + '\n';
    const big = line.repeat(Math.ceil((600 * 1024) / line.length)); // over the synchronous limit
    await page.locator('#ta').fill('before  after');
    await page.locator('#ta').evaluate((el) => (el as HTMLTextAreaElement).setSelectionRange(7, 7));
    await writeClipboard(page, big);
    await page.locator('#ta').focus();
    await page.keyboard.press('Control+V');
    await expect
      .poll(() => page.locator('#ta').evaluate((el) => (el as HTMLTextAreaElement).value.length), {
        timeout: 30_000,
      })
      .toBe(big.length + 13);
    const head = await page
      .locator('#ta')
      .evaluate((el) => (el as HTMLTextAreaElement).value.slice(0, 30));
    expect(head).toBe('before ' + big.slice(0, 23));
    expect(await noticeCount(page)).toBe(0);
    await page.close();
  });

  it('shows the notice of a frame too small for it in the top frame, naming the frame', async () => {
    const widget = await serve({ '/widget': widgetPage() });
    const shop = await serve({ '/shop': smallFramePage(widget.url('/widget')) });
    try {
      const page = await browser.context.newPage();
      await page.goto(shop.url('/shop'));
      const frame = (await (await page.locator('#widget').elementHandle())!.contentFrame())!;
      await frame.waitForLoadState();
      await writeClipboard(page, CLIENT_TEXT);
      await frame.locator('#ta').click();
      await page.keyboard.press('Control+V');
      await expect.poll(() => noticeCount(page)).toBe(1);
      expect(await noticeCount(frame)).toBe(0);
      expect(await value(frame, '#ta')).toBe('');
      const [notice] = await noticeTexts(page);
      expect(notice).toContain(ID_MASKED);
      expect(notice).toContain(`embedded frame of ${new URL(widget.origin).host}`);
      await page.screenshot({ path: 'test-results/small-frame-notice.png' });
      await page.close();
    } finally {
      await widget.close();
      await shop.close();
    }
  });

  it('(f) shows the blocked paste in the popup and exports a CSV with the masked value only', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
    await expect.poll(() => popup.locator('tbody tr').count()).toBeGreaterThan(0);
    const text = await popup.locator('tbody').innerText();
    expect(text).toContain(ID_MASKED);
    expect(text).not.toContain(ID);
    expect(await popup.locator('[data-testid="count-block"]').innerText()).toMatch(/\d+/);
    await popup.screenshot({ path: 'test-results/popup.png', fullPage: true });

    const [download] = await Promise.all([
      popup.waitForEvent('download'),
      popup.locator('[data-testid="export-csv"]').click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain(ID_MASKED);
    expect(csv).not.toContain(ID);
    expect(csv).toContain('block-identifiers');
    expect(csv).toContain(site.origin);

    const [jsonDownload] = await Promise.all([
      popup.waitForEvent('download'),
      popup.locator('[data-testid="export-json"]').click(),
    ]);
    const json = JSON.parse(readFileSync((await jsonDownload.path())!, 'utf8')) as {
      events: unknown[];
    };
    expect(json.events.length).toBeGreaterThan(0);
    expect(JSON.stringify(json)).not.toContain(ID);
    // The auditor's check: the export's hash chain verifies offline with the CLI.
    const verify = spawnSync(
      process.execPath,
      [join(ROOT, 'cli/clientguard.mjs'), 'log', 'verify', (await jsonDownload.path())!],
      { encoding: 'utf8' },
    );
    expect(verify.stdout + verify.stderr).toMatch(/ok: \d+ events? \(events 1–\d+\), chain intact/);
    expect(verify.status).toBe(0);
    await popup.close();
  });
});
