/**
 * An admin's policy pushed through Chromium's enterprise managed storage
 * (/etc/chromium/policies/managed, which needs root: skipped with a message otherwise).
 * Two sites on 127.0.0.1: one port approved by the policy, one not.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXTENSION_ID,
  canSetManagedPolicy,
  fieldValue,
  launch,
  noticeTexts,
  pasteInto,
  serve,
  type Browser,
  type Site,
} from './harness';
import { fieldsPage } from './pages';

const ID = '11010519491231002X';
const CLIENT_TEXT = `客户资料：张三，身份证号 ${ID}，请尽快办理。`;
const pastes = (p: Page) =>
  p.evaluate(() => (window as unknown as { __pastes: string[] }).__pastes);
const noticeCount = (p: Page) => p.locator('clientguard-notice').count();

const root = canSetManagedPolicy();
if (!root)
  console.warn(
    'managed-policy e2e tests skipped: writing /etc/chromium/policies/managed needs root (CI runs as root)',
  );

describe.skipIf(!root)('a managed policy with an approved site', () => {
  let approved: Site;
  let other: Site;
  let browser: Browser;

  beforeAll(async () => {
    approved = await serve({ '/crm': fieldsPage('Acme CRM (approved)') });
    other = await serve({ '/chat': fieldsPage('Public chat (unapproved)') });
    browser = await launch({
      managedPolicy: {
        version: 1,
        name: 'Acme test policy',
        approvedSites: [new URL(approved.origin).host],
        rules: [
          {
            id: 'acme-block-ids',
            types: ['CN_ID', 'CN_USCC', 'BANK_CARD', 'CREDIT_CARD'],
            action: 'block',
            message: {
              en: 'Acme: client IDs stay in the CRM.',
              zh_CN: 'Acme：客户证件号只能留在 CRM 中。',
            },
          },
        ],
      },
    });
  });

  afterAll(async () => {
    await browser?.close();
    await approved?.close();
    await other?.close();
  });

  it('(c) lets the client data through on the approved site, to the field and the page', async () => {
    const page = await browser.context.newPage();
    await page.goto(approved.url('/crm'));
    await pasteInto(page, '#ta', CLIENT_TEXT);
    await expect.poll(() => fieldValue(page, '#ta')).toBe(CLIENT_TEXT);
    expect(await pastes(page)).toEqual(['ta']);
    expect(await noticeCount(page)).toBe(0);
    await page.close();
  });

  it('blocks it on a site the policy does not approve, with the admin message', async () => {
    const page = await browser.context.newPage();
    await page.goto(other.url('/chat'));
    await pasteInto(page, '#ta', CLIENT_TEXT);
    await expect.poll(() => noticeCount(page)).toBe(1);
    expect(await fieldValue(page, '#ta')).toBe('');
    expect(await pastes(page)).toEqual([]);
    const [notice] = await noticeTexts(page);
    expect(notice).toContain('Acme: client IDs stay in the CRM.');
    expect(notice).toContain('acme-block-ids');
    await page.close();
  });

  it('shows the managed policy in the popup', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
    await expect
      .poll(() => popup.locator('[data-testid="policy"]').innerText())
      .toContain('Acme test policy');
    expect(await popup.locator('[data-testid="policy"]').innerText()).toContain('managed');
    await popup.close();
  });
});

describe.skipIf(!root)('a broken managed policy', () => {
  let site: Site;
  let browser: Browser;

  beforeAll(async () => {
    site = await serve({ '/chat': fieldsPage('Public chat (unapproved)') });
    browser = await launch({
      managedPolicy: {
        version: 1,
        name: 'Broken',
        approvedSites: ['https://crm.example.com/'],
        rules: [],
      },
      expectSource: 'default',
    });
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('is rejected: the default stays in force, the popup names the error, the log records it', async () => {
    const page = await browser.context.newPage();
    await page.goto(site.url('/chat'));
    await pasteInto(page, '#ta', CLIENT_TEXT);
    await expect.poll(() => noticeCount(page)).toBe(1);
    expect(await fieldValue(page, '#ta')).toBe('');

    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
    const policy = popup.locator('[data-testid="policy"]');
    await expect.poll(() => policy.innerText()).toContain('rejected');
    const text = await policy.innerText();
    expect(text).toContain('ClientGuard default');
    expect(text).toContain('approvedSites[0]');
    await expect.poll(() => popup.locator('tbody').innerText()).toContain('policy-rejected');
    await popup.close();
    await page.close();
  });
});
