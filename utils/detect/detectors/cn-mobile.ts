import { afterForeignCallingCode, labeledAsOther } from '../context';
import { defineDetector } from '../detector-def';
import { repeated } from '../validators';

/** Three-digit prefixes allocated to PRC mobile networks (MIIT numbering plan). */
const ALLOCATED = /^1(?:3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9\d)$/;

const WORDS = [
  '手机',
  '电话',
  '联系方式',
  '联系',
  '微信',
  'mobile',
  'phone',
  'tel',
  'cell',
  'whatsapp',
];

/**
 * PRC mobile number: 1[3-9] and nine digits, bare or in 3-4-4 groups (space or hyphen), with an
 * optional +86 / 0086 / 86 / (+86) prefix. Numbers in allocated ranges are `validated`, the rest
 * `format`. Eight identical trailing digits (13800000000) are test numbers, not reported. After
 * a foreign calling code (`+49 151 23456789`, `(+44) 139…`: `+` and 1–3 digits other than 86)
 * the digits are that country's number, not a PRC mobile.
 */
export const cnMobile = defineDetector({
  type: 'CN_MOBILE',
  description: 'PRC mobile number 1[3-9]x xxxx xxxx, with +86, 0086 or (+86) and groupings.',
  pattern:
    /(?<![0-9A-Za-z_@+]|\d[.-])(?:(?:\+|00)?86[ -]?|[(（]\+?86[)）] ?)?1[3-9]\d(?:[ -]?\d{4}){2}(?![0-9A-Za-z_@]|[.-]\d)/g,
  validate({ text, match, start }) {
    let national = match;
    if (match.length !== 11) national = match.replace(/\D/g, '').slice(-11);
    if (
      repeated(national, 3) ||
      afterForeignCallingCode(text, start) ||
      labeledAsOther(text, start, WORDS)
    )
      return null;
    return {
      confidence: ALLOCATED.test(national.slice(0, 3)) ? 'validated' : 'format',
      compact: national,
    };
  },
  contextWords: WORDS,
  priority: 60,
});
