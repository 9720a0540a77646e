/**
 * An admin's policy pushed through Chromium's enterprise managed storage
 * (/etc/chromium/policies/managed, which needs root: skipped with a message otherwise).
 * Two sites on 127.0.0.1: one port approved by the policy, one not.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXTENSION_ID,
  ROOT,
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

describe.skipIf(!root)('the client list, from CLI hashing to a real paste', () => {
  let approved: Site;
  let other: Site;
  let browser: Browser;
  let list: string;

  beforeAll(async () => {
    // The admin's offline step: hash two columns of the client CSV with the secret key.
    const dir = mkdtempSync(join(tmpdir(), 'clientguard-list-'));
    const out = join(dir, 'clients.cglist');
    const r = spawnSync(
      process.execPath,
      [
        join(ROOT, 'cli/clientguard.mjs'),
        'clients',
        'hash',
        '--key-file',
        join(ROOT, 'tests/fixtures/clients/test-key.hex'),
        '--columns',
        'name,contact',
        '--out',
        out,
        join(ROOT, 'tests/fixtures/clients/clients.csv'),
      ],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    list = readFileSync(out, 'utf8');
    rmSync(dir, { recursive: true, force: true });
    expect(list).not.toContain('示例科技');
    const key = readFileSync(join(ROOT, 'tests/fixtures/clients/test-key.hex'), 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith('#'))
      .join('')
      .trim();

    approved = await serve({ '/crm': fieldsPage('Acme CRM (approved)') });
    other = await serve({ '/chat': fieldsPage('Public chat (unapproved)') });
    browser = await launch({
      managedPolicy: {
        version: 1,
        name: 'Acme client list policy',
        approvedSites: [new URL(approved.origin).host],
        clientList: { key, list },
        rules: [
          {
            id: 'block-client-names',
            types: ['CLIENT_NAME'],
            action: 'block',
            message: { en: 'Client names stay in the CRM.', zh_CN: '客户名称只能留在 CRM 中。' },
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

  const TEXT = '周报：拜访了测试贸易(上海)有限公司，对接人李四。';

  it('blocks a listed client name on an unapproved site, however it is written', async () => {
    const page = await browser.context.newPage();
    await page.goto(other.url('/chat'));
    await pasteInto(page, '#ta', TEXT);
    await expect.poll(() => noticeCount(page), { timeout: 15_000 }).toBe(1);
    expect(await fieldValue(page, '#ta')).toBe('');
    expect(await pastes(page)).toEqual([]);
    const [notice] = await noticeTexts(page);
    expect(notice).toContain('Client name');
    expect(notice).toContain('Client names stay in the CRM.');
    expect(notice).not.toContain('测试贸易');
    await page.close();
  });

  it('lets it through on the approved site', async () => {
    const page = await browser.context.newPage();
    await page.goto(approved.url('/crm'));
    await pasteInto(page, '#ta', TEXT);
    await expect.poll(() => fieldValue(page, '#ta')).toBe(TEXT);
    expect(await noticeCount(page)).toBe(0);
    await page.close();
  });

  it('logs the block without the name', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
    await expect.poll(() => popup.locator('tbody').innerText()).toContain('block-client-names');
    const text = await popup.locator('tbody').innerText();
    expect(text).not.toContain('测试贸易');
    expect(text).not.toContain('李四');
    await popup.close();
  });
});
