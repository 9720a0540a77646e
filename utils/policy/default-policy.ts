/**
 * The embedded default policy: protects out of the box with no admin. Every site is
 * unapproved until an admin lists approved ones.
 * - Identity documents, credit codes, card and bank account numbers: blocked.
 * - Keys and tokens that open client systems: blocked.
 * - Ten or more distinct phone numbers or e-mail addresses (a pasted contact sheet): blocked.
 * - A few phones or e-mails, and classification marks (机密, CONFIDENTIAL…): let through and
 *   logged, so an auditor sees them without staff being stopped for an ordinary message.
 * Values the engine reports only at `format` confidence (bare 8-digit numbers beside a permit
 * label, internal IP addresses…) do not count: every rule uses the default `validated`.
 */
import type { Policy } from './types';

export const DEFAULT_POLICY: Policy = {
  version: 1,
  name: 'ClientGuard default',
  approvedSites: [],
  logAllowed: true,
  keywords: [{ id: 'classification', builtin: 'classification-marks' }],
  rules: [
    {
      id: 'block-identifiers',
      sites: 'unapproved',
      types: [
        'CN_ID',
        'CN_USCC',
        'BANK_CARD',
        'CREDIT_CARD',
        'IBAN',
        'CN_PASSPORT',
        'HK_MACAU_PERMIT',
        'TW_PERMIT',
        'HK_ID',
        'US_SSN',
      ],
      action: 'block',
      message: {
        en: 'Identity numbers, credit codes and card numbers may only be pasted into approved sites.',
        zh_CN: '身份证号、统一社会信用代码和银行卡号只能粘贴到经批准的网站。',
      },
    },
    {
      id: 'block-secrets',
      sites: 'unapproved',
      types: ['PRIVATE_KEY', 'AWS_ACCESS_KEY', 'GITHUB_TOKEN', 'JWT'],
      action: 'block',
      message: {
        en: 'Keys and access tokens open client systems; they may only be pasted into approved sites.',
        zh_CN: '密钥和访问令牌可进入客户系统，只能粘贴到经批准的网站。',
      },
    },
    {
      id: 'block-contact-lists',
      sites: 'unapproved',
      types: ['CN_MOBILE', 'EMAIL'],
      minCount: 10,
      action: 'block',
      message: {
        en: 'This looks like a list of client contacts; it may only be pasted into approved sites.',
        zh_CN: '内容疑似客户联系人清单，只能粘贴到经批准的网站。',
      },
    },
    {
      id: 'log-contacts',
      sites: 'unapproved',
      types: ['CN_MOBILE', 'CN_LANDLINE', 'EMAIL'],
      action: 'allow',
    },
    {
      id: 'log-classified',
      sites: 'unapproved',
      types: ['KEYWORD'],
      groups: ['classification'],
      action: 'allow',
    },
  ],
};
