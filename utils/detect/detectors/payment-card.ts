import { contextBefore, labelBefore, labeledAsOther, thousandsComma } from '../context';
import { defineDetector } from '../detector-def';
import type { FindingType } from '../types';
import { luhnValid, num, repeated } from '../validators';

const WORDS = [
  '卡号',
  '银行卡',
  '信用卡',
  '借记卡',
  '储蓄卡',
  '开户行',
  '账号',
  '帐号',
  '账户',
  '帐户',
  '收款',
  '付款',
  'card',
  'account',
  'visa',
  'mastercard',
  'amex',
];

/** Labels that say which kind of card it is, whatever its number range. */
const CREDIT_WORDS = ['信用卡', 'credit'];
const DEBIT_WORDS = ['借记卡', '储蓄卡', 'debit', '工资卡'];

/** The brand of an international card number, by IIN range and length, or null. */
function creditBrand(d: string): string | null {
  const len = d.length;
  const n2 = num(d, 0, 2);
  const n4 = num(d, 0, 4);
  if (n2 >= 40 && n2 <= 49) return len === 16 || len === 19 ? 'visa' : null;
  if ((n2 >= 51 && n2 <= 55) || (n4 >= 2221 && n4 <= 2720)) return len === 16 ? 'mastercard' : null;
  if (n2 === 34 || n2 === 37) return len === 15 ? 'amex' : null;
  if (n4 >= 3528 && n4 <= 3589) return len >= 16 ? 'jcb' : null;
  if (n4 === 6011 || n2 === 65 || (n4 >= 6440 && n4 <= 6499)) return len >= 16 ? 'discover' : null;
  if (n2 === 36 || (n4 >= 3000 && n4 <= 3059) || n2 === 38 || n2 === 39)
    return len >= 14 ? 'diners' : null;
  return null;
}

/**
 * Group lengths, when separators are used, must be the way cards are printed: 4-6-5 (Amex),
 * 4-6-4 (Diners), 6 + the rest (UnionPay passbooks), or groups of four for 16–19 digits. A 14- or
 * 15-digit number in groups of four (`3406 4304 7857 996`) is not how any card is printed.
 */
function groupingOk(match: string, digits: number): boolean {
  const sep = match.indexOf(' ') >= 0 ? ' ' : '-';
  if (sep === ' ' && match.indexOf('-') >= 0) return false;
  const lens = match.split(sep).map((g) => g.length);
  const shape = lens.join(',');
  if (shape === '4,6,5' || shape === '4,6,4') return true; // Amex, Diners
  if (lens.length === 2 && lens[0] === 6) return true; // 622202 1234567890123
  return digits >= 16 && lens.every((l, i) => (i < lens.length - 1 ? l === 4 : l <= 4));
}

/**
 * Test numbers published in payment providers' and card networks' documentation. They pass the
 * Luhn check and have real IIN ranges but are never issued to a cardholder.
 */
const TEST_NUMBERS = new Set([
  '4242424242424242',
  '4000056655665556',
  '4012888888881881',
  '4111111111111111',
  '5555555555554444',
  '5105105105105100',
  '2223003122003222',
  '378282246310005',
  '371449635398431',
  '6011111111111117',
  '6011000990139424',
  '3530111333300000',
  '3566002020360505',
  '30569309025904',
  '6200000000000005',
]);

/** Labels that make a number an identity document, not a card. */
const ID_WORDS = ['身份证', '身份證', '证件'];

/**
 * Bank and payment cards, 14–19 digits with a Luhn check, bare or in printed groups.
 * - BANK_CARD: UnionPay cards (62…, 16–19 digits) and domestic debit ranges (60…; 9… only
 *   beside a label such as 卡号 / 账号).
 * - CREDIT_CARD: Visa, Mastercard, Amex, JCB, Discover, Diners by IIN range and length, and
 *   UnionPay credit ranges (625…).
 * A label decides when the number range cannot: 信用卡 / credit makes a UnionPay card a credit
 * card, 借记卡 / 储蓄卡 / debit makes a Visa or Mastercard-branded card a bank (debit) card.
 * Published test numbers (4242 4242 4242 4242, 5555 5555 5555 4444…) are not reported. A digit
 * and `.` or `-` next to the number make it part of a longer one (3.14159…, 2024-6222…); a comma
 * does only when it is a thousands separator (`1,234 5678…`): in a CSV row
 * (`2019-03-01,6222…,1200`) it separates cells.
 */
export const paymentCard = defineDetector({
  type: 'BANK_CARD',
  emits: ['BANK_CARD', 'CREDIT_CARD'],
  description:
    'Bank (UnionPay 62…, debit) and credit cards (Visa, Mastercard, Amex, JCB, Discover): Luhn check.',
  pattern: /(?<![0-9A-Za-z_@]|\d[.-])[1-9]\d(?:[ -]?\d){12,17}(?![0-9A-Za-z_@]|[.-]\d)/g,
  validate({ text, match, start, end }) {
    if (thousandsComma(text, start, end)) return null;
    let digits = match;
    if (match.indexOf(' ') >= 0 || match.indexOf('-') >= 0) {
      digits = match.replace(/[ -]/g, '');
      if (!groupingOk(match, digits.length)) return null;
    }
    if (!luhnValid(digits) || repeated(digits, 6) || TEST_NUMBERS.has(digits)) return null;
    const len = digits.length;
    let type: FindingType | null = null;
    const n2 = num(digits, 0, 2);
    if (n2 === 62 && len >= 16)
      type = digits.charCodeAt(2) === 53 /* 5 */ ? 'CREDIT_CARD' : 'BANK_CARD';
    else if (creditBrand(digits) !== null) type = 'CREDIT_CARD';
    else if (n2 === 60 && len >= 16) type = 'BANK_CARD';
    else if (digits.charCodeAt(0) === 57 /* 9 */ && len >= 16 && contextBefore(text, start, WORDS))
      type = 'BANK_CARD';
    if (type === null || labeledAsOther(text, start, WORDS)) return null;
    if (labelBefore(text, start, ID_WORDS, WORDS)) return null;
    // 「信用卡 6222…」: a label just before the number overrides its range.
    if (type === 'BANK_CARD' && labelBefore(text, start, CREDIT_WORDS, DEBIT_WORDS))
      type = 'CREDIT_CARD';
    else if (type === 'CREDIT_CARD' && labelBefore(text, start, DEBIT_WORDS, CREDIT_WORDS))
      type = 'BANK_CARD';
    return { confidence: 'validated', compact: digits, type };
  },
  contextWords: WORDS,
  priority: 70,
});
