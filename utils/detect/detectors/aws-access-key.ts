import { defineDetector } from '../detector-def';
import { distinctChars } from '../validators';

/**
 * AWS access key ID: a four-character type prefix (AKIA long-term, ASIA temporary, and the
 * AGPA / AIDA / AROA / AIPA / ANPA / ANVA / ASCA / A3T… resource IDs) and 16 upper-case letters
 * or digits. Documentation keys (AKIAIOSFODNN7EXAMPLE and anything containing EXAMPLE) and
 * low-variety fillers (AKIAXXXXXXXXXXXXXXXX) are not reported.
 *
 * The look-behind rejects a key inside a longer base64 run (`/`, `+` are base64 characters) but
 * not after `=`: `aws_access_key_id=AKIA…` and `AWS_ACCESS_KEY_ID=AKIA…` are how keys appear in
 * credentials and .env files (`=` is only padding at the end of base64, never before a key).
 */
export const awsAccessKey = defineDetector({
  type: 'AWS_ACCESS_KEY',
  description: 'AWS access key ID (AKIA…/ASIA… + 16 characters); documentation examples excluded.',
  pattern:
    /(?<![0-9A-Za-z_/+])(?:A3T[A-Z0-9]|AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASCA)[A-Z0-9]{16}(?![0-9A-Za-z_/+=])/g,
  validate({ match }) {
    if (match.includes('EXAMPLE') || distinctChars(match.slice(4)) < 6) return null;
    return { confidence: 'validated', compact: match };
  },
  contextWords: ['aws', 'access key', 'access_key', 'accesskey', 'key id', 'key_id'],
  priority: 96,
});
