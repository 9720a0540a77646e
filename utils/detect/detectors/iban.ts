import { defineDetector } from '../detector-def';
import { ibanValid } from '../validators';

/**
 * International Bank Account Number (ISO 13616): country code, two check digits and the
 * country's BBAN, compact (`DE89370400440532013000`) or in groups of four separated by single
 * spaces (`GB82 WEST 1234 5698 7654 32`). The length must be the country's and the MOD 97-10
 * check must hold.
 */
export const iban = defineDetector({
  type: 'IBAN',
  description:
    'IBAN: known country, that country’s length, MOD 97-10 check; compact or in groups of four.',
  pattern:
    /(?<![0-9A-Za-z_@]|\d[.-])[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?)(?![0-9A-Za-z_@]|[.-]\d)/g,
  validate({ match }) {
    const compact = match.indexOf(' ') >= 0 ? match.replace(/ /g, '') : match;
    return ibanValid(compact) ? { confidence: 'validated', compact } : null;
  },
  contextWords: ['iban', 'account', '账号', '帐号', '账户', '收款', 'bank', 'swift'],
  priority: 82,
});
