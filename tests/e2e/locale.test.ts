/**
 * A browser in Simplified Chinese: the notice, the admin's message and the popup follow it
 * (texts from public/_locales/zh_CN, the rule's `message.zh_CN`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXTENSION_ID,
  launch,
  noticeTexts,
  pasteInto,
  serve,
  type Browser,
  type Site,
} from './harness';
import { fieldsPage } from './pages';

let browser: Browser;
let site: Site;

beforeAll(async () => {
  site = await serve({ '/chat': fieldsPage('聊天') });
  browser = await launch({ lang: 'zh-CN' });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('a browser in Simplified Chinese', () => {
  it('shows the notice and the default rule’s message in Chinese', async () => {
    const page = await browser.context.newPage();
    await page.goto(site.url('/chat'));
    await pasteInto(page, '#ta', '客户身份证号 11010519491231002X');
    await expect.poll(() => page.locator('clientguard-notice').count()).toBe(1);
    const [notice] = await noticeTexts(page);
    expect(notice).toContain('ClientGuard 已阻止此次粘贴');
    expect(notice).toContain('身份证号、统一社会信用代码和银行卡号只能粘贴到经批准的网站。');
    expect(notice).toContain('居民身份证号');
    expect(notice).toContain('1101**********002X');
    expect(notice).not.toContain('Identity numbers');
    await page.screenshot({ path: 'test-results/notice-zh.png' });
    await page.close();
  });

  it('shows the popup in Chinese', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
    await expect.poll(() => popup.locator('h1').innerText()).toBe('ClientGuard 日志');
    await expect.poll(() => popup.locator('tbody').innerText()).toContain('已阻止');
    await popup.close();
  });
});
