import { hasContext } from '../context';
import { defineDetector } from '../detector-def';
import { hkIdValid, repeated } from '../validators';

const WORDS = [
  '香港身份证',
  '香港身份證',
  '身份证',
  '身份證',
  'hkid',
  'hk id',
  'hong kong id',
  'identity card',
  'id card',
];

/**
 * Hong Kong identity card number: one or two letters, six digits and a check character (0–9
 * or A) that makes the weighted sum ≡ 0 (mod 11). Printed with the check in brackets —
 * `A123456(3)`, also full-width `（3）` — it is reported whenever the check holds. Without
 * brackets (`A1234563`, as in databases) it is only reported beside a label (香港身份证, HKID…)
 * or under a column headed by one. Eight characters followed by a bracketed check
 * (`V1376454(4)`) are a mistyped or longer number, not an ID whose check is the eighth.
 */
export const hkId = defineDetector({
  type: 'HK_ID',
  description: 'Hong Kong ID: 1–2 letters, 6 digits and a MOD 11 check character, e.g. A123456(3).',
  pattern:
    /(?<![0-9A-Za-z_@]|\d[.-])[A-Z]{1,2}\d{6}(?:[(（][0-9A][)）]|[0-9A])(?![0-9A-Za-z_@]|[.-]\d|[(（][0-9A][)）])/g,
  validate({ text, match, start }) {
    const bracketed = match.length >= 10;
    const compact = bracketed ? match.slice(0, -3) + match[match.length - 2]! : match;
    const p = compact.length - 7;
    if (!hkIdValid(compact) || repeated(compact.slice(p, p + 6))) return null;
    if (bracketed) return { confidence: 'validated', compact };
    return hasContext(text, start, WORDS) ? { confidence: 'context', compact } : null;
  },
  contextWords: WORDS,
  priority: 80,
});
