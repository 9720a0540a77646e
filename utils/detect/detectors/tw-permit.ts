import { hasContext, labeledAsOther } from '../context';
import { defineDetector } from '../detector-def';
import { isCompactDate, looksFake } from '../validators';

/**
 * Labels that name the permit (also matched in a spreadsheet column header). A space in an ASCII
 * label also matches `_`, so `mainland_travel_permit_tw` in a form field is a label too.
 */
const WORDS = [
  '台胞证',
  '台胞證',
  '台湾居民来往大陆通行证',
  '台湾居民',
  '臺灣居民',
  '台湾通行证',
  'mtp',
  'taiwan compatriot',
  'taiwan resident',
  'mainland travel permit for taiwan',
  'mainland travel permit tw',
  'taiwan travel permit',
  'tw permit',
];

/**
 * 台湾居民来往大陆通行证 (mainland travel permit for Taiwan residents):
 * - legacy booklets: 10 digits and the issuing office's letter, `1234567890(B)` or `1234567890B`,
 *   reported on their shape (`validated`);
 * - cards since 2015: the 8-digit lifelong number. Eight bare digits are everywhere (dates,
 *   amounts, references), so they are reported only beside a label (台胞证, 台湾居民…) or in a
 *   spreadsheet column whose header cell names the permit, at `format` confidence; real dates
 *   (20231125) and repeated or sequential digits are never reported.
 */
export const twPermit = defineDetector({
  type: 'TW_PERMIT',
  description:
    'Taiwan residents’ travel permit: 10 digits + office letter; bare 8 digits only beside a label or under a header naming it.',
  pattern:
    /(?<![0-9A-Za-z_@]|\d[.-])\d{8}(?:\d{2}(?:[(（][A-Z][)）]|[A-Z]))?(?![0-9A-Za-z_@]|[.-]\d)/g,
  validate({ text, match, start }) {
    if (match.length > 8) {
      const compact = match.slice(0, 10) + match[match.length - (match.length === 11 ? 1 : 2)]!;
      if (looksFake(compact.slice(0, 10)) || labeledAsOther(text, start, WORDS)) return null;
      return { confidence: 'validated', compact };
    }
    if (looksFake(match) || isCompactDate(match)) return null;
    return hasContext(text, start, WORDS) ? { confidence: 'format', compact: match } : null;
  },
  contextWords: WORDS,
  priority: 76,
});
