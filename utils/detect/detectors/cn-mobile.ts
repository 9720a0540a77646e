import { defineDetector } from '../detector-def';

/** Three-digit prefixes allocated to PRC mobile networks (MIIT numbering plan). */
const ALLOCATED = /^1(?:3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9\d)$/;

/** PRC mobile number, with optional +86 / 0086 / (+86) prefix and space or hyphen groups. */
export const cnMobile = defineDetector({
  type: 'CN_MOBILE',
  description: 'PRC mobile number 1[3-9]x xxxx xxxx, with +86, 0086 or (+86) and groupings.',
  pattern:
    /(?<![0-9A-Za-z+])(?:(?:\+|00)86[ -]?|[(（]\+?86[)）][ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?![0-9A-Za-z])/g,
  validate({ match }) {
    // The pattern already forces 3-4-4 groups when separators are used.
    const national = match.replace(/\D/g, '').slice(-11);
    return {
      confidence: ALLOCATED.test(national.slice(0, 3)) ? 'validated' : 'format',
      compact: national,
    };
  },
  contextWords: ['手机', '电话', '联系方式', '联系', 'mobile', 'phone', 'tel', 'cell'],
  priority: 60,
});
