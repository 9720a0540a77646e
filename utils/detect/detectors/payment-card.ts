import { defineDetector } from '../detector-def';
import { luhnValid } from '../validators';

/** International card brands' IIN ranges (Visa, Mastercard, Amex, JCB, Discover, Diners). */
function isCreditBrand(d: string): boolean {
  const n2 = Number(d.slice(0, 2));
  const n4 = Number(d.slice(0, 4));
  const len = d.length;
  if (d[0] === '4') return len === 13 || len === 16 || len === 19; // Visa
  if ((n2 >= 51 && n2 <= 55) || (n4 >= 2221 && n4 <= 2720)) return len === 16; // Mastercard
  if (n2 === 34 || n2 === 37) return len === 15; // Amex
  if (n4 >= 3528 && n4 <= 3589) return len >= 16 && len <= 19; // JCB
  if (n4 === 6011 || n2 === 65 || (n4 >= 6440 && n4 <= 6499)) return len >= 16 && len <= 19;
  if (n2 === 36 || (n4 >= 3000 && n4 <= 3059) || n2 === 38 || n2 === 39) return len >= 14;
  return false;
}

/** Separators, when present, must group digits the way cards are printed. */
function groupingOk(match: string): boolean {
  if (!/[ -]/.test(match)) return true;
  const groups = match.split(/[ -]/);
  const lens = groups.map((g) => g.length).join(',');
  if (lens === '4,6,5' || lens === '4,6,4') return true; // Amex, Diners
  return groups.every((g, i) => (i < groups.length - 1 ? g.length === 4 : g.length >= 1 && g.length <= 4)) ||
    (groups.length === 2 && groups[0]!.length === 6); // 622202 1234567890123
}

/**
 * Bank and payment cards: 13–19 digits, Luhn check. UnionPay (62, 60, 9) debit and bank
 * cards are BANK_CARD; international credit brands are CREDIT_CARD.
 */
export const paymentCard = defineDetector({
  type: 'BANK_CARD',
  description: 'Bank (UnionPay 62…) and payment cards: 13–19 digits, grouped or not, Luhn check.',
  pattern: /(?<![0-9A-Za-z.,-])\d(?:[ -]?\d){12,18}(?![0-9A-Za-z]|[.,]\d)/g,
  validate({ match }) {
    const digits = match.replace(/[ -]/g, '');
    if (!groupingOk(match) || !luhnValid(digits)) return null;
    if (/^(\d)\1+$/.test(digits)) return null;
    const len = digits.length;
    if ((digits.startsWith('62') || digits.startsWith('60') || digits.startsWith('9')) && len >= 16) {
      return { confidence: 'validated', compact: digits, type: 'BANK_CARD' };
    }
    if (isCreditBrand(digits)) return { confidence: 'validated', compact: digits, type: 'CREDIT_CARD' };
    return null;
  },
  contextWords: ['卡号', '银行卡', '信用卡', '开户行', '账号', '帐号', 'card', 'account', 'visa'],
  priority: 70,
});
