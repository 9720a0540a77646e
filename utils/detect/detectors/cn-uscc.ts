import { labeledAsOther } from '../context';
import { defineDetector } from '../detector-def';
import { usccValid } from '../validators';

const WORDS = [
  '统一社会信用代码',
  '信用代码',
  '社会信用',
  '税号',
  '纳税人识别号',
  '识别号',
  '营业执照',
  'uscc',
  'credit code',
  'tax id',
];

/**
 * Unified social credit code of a PRC organisation (GB 32100-2015): registration authority,
 * institution category (1–9), 6-digit division code, 9-character organisation code and a
 * MOD 31 check character, from the 31-character set without I O S V Z.
 */
export const cnUscc = defineDetector({
  type: 'CN_USCC',
  description:
    'Unified social credit code: 18 characters without I O S V Z, valid division code, MOD 31 check.',
  pattern:
    /(?<![0-9A-Za-z_@]|\d[.-])[1-9A-HJ-NP-RTUW-Y][1-9]\d{6}[0-9A-HJ-NP-RTUW-Y]{10}(?![0-9A-Za-z_@]|[.-]\d)/g,
  validate({ text, match, start }) {
    if (!usccValid(match) || labeledAsOther(text, start, WORDS)) return null;
    return { confidence: 'validated', compact: match };
  },
  contextWords: WORDS,
  priority: 85,
});
