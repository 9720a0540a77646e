import { afterForeignCallingCode, contextBefore, labeledAsOther } from '../context';
import { defineDetector } from '../detector-def';

const WORDS = ['电话', '座机', '固话', '传真', '总机', '办公', 'tel', 'phone', 'fax', 'office'];

/** Splits a matched landline into [area code without 0, local number, separated?]. */
const PARTS =
  /^(?:(?:\+|00)86[ -]?|[(（]\+?86[)）] ?)?(?:[(（]0[)）] ?)?[(（]?0?(10|2\d|[3-9]\d{2})([)）] ?|[ -]?)([2-8]\d{2,3})[ -]?(\d{4})/;

/**
 * PRC landline: area code (0 + 2 or 3 digits: 010, 02x, 0xxx) and a 7–8 digit local number not
 * starting with 0, 1 or 9, written `010-87654321`, `(0755) 8765 4321`, `+86 21 6123 4567` or
 * bare, with an optional extension (`-8001`, `转 8001`, `ext. 12`). Areas 010 and 02x take
 * 8-digit local numbers. Service numbers (400 / 800 / 95xxx) have no area code and never match.
 * A bare run of digits (`01087654321`) is `validated` only with a label before it, else `format`.
 * After a foreign calling code (`+44 020 7946 0958`: `+` and 1–3 digits other than 86) the digits
 * are that country's number (London's 020), not a PRC area code. The extension is part of the
 * number as dialled, so it is part of the finding's span: `0532-27805309 转 8021` is one finding
 * from the area code to the extension's last digit.
 */
export const cnLandline = defineDetector({
  type: 'CN_LANDLINE',
  description:
    'PRC landline: 0 + 2–3 digit area code and 7–8 digit number, separators and extensions; no 400/800.',
  pattern:
    /(?<![0-9A-Za-z_@+]|\d[.-])(?:[(（]0(?:10|2\d|[3-9]\d{2})[)）] ?|0(?:10|2\d|[3-9]\d{2})[ -]?|(?:(?:\+|00)86[ -]?|[(（]\+?86[)）] ?)(?:[(（]0[)）] ?)?(?:10|2\d|[3-9]\d{2})[ -]?)[2-8]\d{2,3}[ -]?\d{4}(?: ?(?:-|转|分机|ext\.? ?|x) ?\d{1,5})?(?![0-9A-Za-z_@]|[.-]\d)/g,
  validate({ text, match, start }) {
    const m = PARTS.exec(match);
    if (!m) return null;
    const area = m[1]!;
    const local = m[3]! + m[4]!;
    if (area.length === 2 ? local.length !== 8 : area.endsWith('00')) return null;
    if (afterForeignCallingCode(text, start) || labeledAsOther(text, start, WORDS)) return null;
    const separated = m[2] !== '' || match.charCodeAt(0) === 43 /* + */ || match.length > 12;
    const confidence = separated || contextBefore(text, start, WORDS) ? 'validated' : 'format';
    return { confidence, compact: `0${area}${local}` };
  },
  contextWords: WORDS,
  priority: 55,
});
