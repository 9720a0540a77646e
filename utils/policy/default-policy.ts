/**
 * The embedded default policy: protects out of the box with no admin. Every site is
 * unapproved until an admin lists approved ones. Identity numbers, credit codes and card
 * numbers are blocked; a few phone numbers or e-mail addresses pass and are logged; many of
 * them (a pasted contact sheet) are blocked.
 */
import type { Policy } from './types';

export const DEFAULT_POLICY: Policy = {
  version: 1,
  name: 'ClientGuard default',
  approvedSites: [],
  logAllowed: true,
  rules: [
    {
      id: 'block-identifiers',
      sites: 'unapproved',
      types: ['CN_ID', 'CN_USCC', 'BANK_CARD', 'CREDIT_CARD'],
      action: 'block',
      message: {
        en: 'Identity numbers, credit codes and card numbers may only be pasted into approved sites.',
        zh_CN: '身份证号、统一社会信用代码和银行卡号只能粘贴到经批准的网站。',
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
      types: ['CN_MOBILE', 'EMAIL'],
      action: 'allow',
    },
  ],
};
