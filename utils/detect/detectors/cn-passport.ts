import { hasContext, labeledAsOther } from '../context';
import { defineDetector } from '../detector-def';
import { isCompactDate, looksFake } from '../validators';

const WORDS = ['护照', '護照', 'passport', 'pass no', 'pp no'];

/**
 * PRC passport number. Ordinary e-passports: `E` + 8 digits, `E` + a letter (not I or O) + 7
 * digits, and the older `G` + 8 digits — reported on their shape (`validated`). Weak forms —
 * diplomatic, service and public-affairs passports (`D`, `S`, `P`, optionally followed by `E`, +
 * 7 digits) and 9-digit numeric passports (14…, 15…) — are reported only beside a label
 * (护照, passport) or under a column headed by one, at `format` confidence. `E` + 8 digits that
 * form a real date (`E20241202`) is how employee and document numbers are made (工号 E20241202);
 * it is only a passport beside a passport label.
 */
export const cnPassport = defineDetector({
  type: 'CN_PASSPORT',
  description:
    'PRC passport: E + 8 digits, E + letter + 7 digits, G + 8 digits; D/S/P and numeric forms only beside a label.',
  pattern:
    /(?<![0-9A-Za-z_@]|\d[.-])(?:E[0-9A-HJ-NP-Z]\d{7}|G\d{8}|[DSP]E?\d{7}|1[45]\d{7})(?![0-9A-Za-z_@]|[.-]\d)/g,
  validate({ text, match, start }) {
    if (looksFake(match, match.length - 7)) return null;
    const c = match.charCodeAt(0);
    if (c === 69 /* E */ || c === 71 /* G */) {
      if (labeledAsOther(text, start, WORDS)) return null;
      if (c === 69 && isCompactDate(match, 1) && !hasContext(text, start, WORDS)) return null;
      return { confidence: 'validated', compact: match };
    }
    return hasContext(text, start, WORDS) ? { confidence: 'format', compact: match } : null;
  },
  contextWords: WORDS,
  priority: 78,
});
