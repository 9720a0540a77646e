import { labeledAsOther } from '../context';
import { defineDetector } from '../detector-def';
import { looksFake } from '../validators';

const WORDS = ['港澳', '回乡证', '回鄉證', '通行证', '通行證', 'home return', 'permit', 'eep'];

/**
 * Travel permits between the mainland and Hong Kong / Macao:
 * - 港澳居民来往内地通行证 (home return permit) of Hong Kong (`H`) and Macao (`M`) residents:
 *   the letter + 8 digits (card) or + 10 digits (8 + a 2-digit issue count, older booklets);
 * - 往来港澳通行证 (mainland residents' exit-entry permit): `C` + a letter or digit + 7 digits.
 * Reported on their shape (`validated`) unless labeled as an order or other reference,
 * including the references of a shipment: a seal or container number (铅封号 / 封条 / Seal No.,
 * 箱号 / container, B/L No.) can have the mainland permit's shape (`CN2284617`). ISO 6346
 * container numbers (4 letters + 7 digits, `CSQU3054383`) never match: the letter before `C`
 * is a token character.
 */
export const hkMacauPermit = defineDetector({
  type: 'HK_MACAU_PERMIT',
  description:
    'Travel permits: H/M + 8 or 10 digits (HK/Macao residents), C + letter/digit + 7 digits (mainland residents).',
  pattern:
    /(?<![0-9A-Za-z_@]|\d[.-])(?:[HM]\d{8}(?:\d{2})?|C[0-9A-HJ-NP-Z]\d{7})(?![0-9A-Za-z_@]|[.-]\d)/g,
  validate({ text, match, start }) {
    if (looksFake(match, match.length - 7) || labeledAsOther(text, start, WORDS)) return null;
    return { confidence: 'validated', compact: match };
  },
  contextWords: WORDS,
  priority: 77,
});
