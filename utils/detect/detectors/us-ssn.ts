import { hasContext } from '../context';
import { defineDetector } from '../detector-def';
import { looksFake, ssnValid } from '../validators';

const WORDS = ['ssn', 'social security', 'soc sec', '社会安全号', '社安号', '社会保障号'];

/**
 * US social security number: area (not 000, 666 or 900–999), group (not 00), serial (not
 * 0000). Written `123-45-6789` it is reported whenever the rules hold; nine bare digits only
 * beside a label (SSN, social security…) or under a column headed by one. A form may put a
 * note between the label and the number (`Social Security No.: (as printed on your card)
 * 529384716`): one bracketed group is skipped (see context.ts `hasContext`). Placeholders made of
 * one repeated digit or a run (`111-11-1111`, `123-45-6789`) pass the rules but are never issued
 * numbers; they are not reported.
 */
export const usSsn = defineDetector({
  type: 'US_SSN',
  description:
    'US SSN AAA-GG-SSSS with the area/group/serial rules; bare 9 digits only beside a label.',
  pattern: /(?<![0-9A-Za-z_@]|\d[.-])\d{3}(?:-\d{2}-\d{4}|\d{6})(?![0-9A-Za-z_@]|[.-]\d)/g,
  validate({ text, match, start }) {
    const compact = match.length === 9 ? match : match.replace(/-/g, '');
    if (!ssnValid(compact) || looksFake(compact)) return null;
    if (match.length === 11) return { confidence: 'validated', compact };
    return hasContext(text, start, WORDS) ? { confidence: 'context', compact } : null;
  },
  contextWords: WORDS,
  priority: 75,
});
