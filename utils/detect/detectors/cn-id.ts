import { hasContext, labeledAsOther } from '../context';
import { defineDetector } from '../detector-def';
import { cnId15Valid, cnIdValid, looksFake } from '../validators';

const WORDS = [
  '身份证',
  '身份證',
  '证件号',
  '證件號',
  '证件号码',
  '公民身份',
  '身份号码',
  '居民身份',
  // The first-generation card: 「旧证号」, 「一代证」 (「旧身份证」 ends in 身份证 above).
  '旧证号',
  '一代证',
  'id no',
  'id card',
  'id number',
  'identity',
  'chinese id',
  'prc id',
  'resident id',
];

/**
 * PRC resident identity card number (GB 11643-1999): 18 characters — 6-digit region, birth date
 * yyyymmdd, 3-digit sequence, MOD 11-2 check character (X allowed) — optionally printed in
 * 6-8-4 groups separated by single spaces. The first-generation 15-digit form (yymmdd, no check
 * digit) is a weak form: reported at `format` confidence, and only when a context word stands
 * before it (also across one bracketed note, see context.ts `hasContext`) or heads its
 * spreadsheet column. Context words are the card's names: 身份证, 证件号(码), 公民身份号码,
 * 居民身份证, the first generation's 旧证号 / 一代证, `ID No.`, `ID card`, `Chinese ID`,
 * `PRC ID`, `resident ID`.
 */
export const cnId = defineDetector({
  type: 'CN_ID',
  description:
    'PRC resident ID: 18 characters with real region, birth date and MOD 11-2 check; 15-digit form only beside a label.',
  pattern:
    /(?<![0-9A-Za-z_@]|\d[.-])[1-8]\d{5}(?: ?(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]) ?\d{3}[\dXx]|\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3})(?![0-9A-Za-z_@]|[.-]\d)/g,
  validate({ text, match, start }) {
    const compact = match.length === 18 || match.length === 15 ? match : match.replace(/ /g, '');
    if (compact.length === 15) {
      if (!cnId15Valid(compact) || looksFake(compact, 12)) return null;
      return hasContext(text, start, WORDS) ? { confidence: 'format', compact } : null;
    }
    const id = compact.toUpperCase();
    if (!cnIdValid(id) || labeledAsOther(text, start, WORDS)) return null;
    return { confidence: 'validated', compact: id };
  },
  contextWords: WORDS,
  priority: 90,
});
