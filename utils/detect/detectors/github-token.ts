import { defineDetector } from '../detector-def';
import { distinctChars, githubChecksumValid } from '../validators';

/**
 * GitHub tokens in the 2021 format: `ghp_` (personal), `gho_` (OAuth), `ghu_` / `ghs_` (app
 * user / server), `ghr_` (refresh) + 36 base-62 characters whose last six are a CRC-32 checksum
 * of the rest, and fine-grained personal tokens `github_pat_` + 22 + `_` + 59 characters.
 * A token whose checksum holds is `validated`; one that only has the shape is still reported,
 * at `format`. Placeholders (`ghp_xxxx…`, `ghp_0000…`) have too few distinct characters and are
 * not reported.
 */
export const githubToken = defineDetector({
  type: 'GITHUB_TOKEN',
  description:
    'GitHub token (ghp_/gho_/ghu_/ghs_/ghr_ + 36 chars with CRC-32 checksum, github_pat_…).',
  pattern:
    /(?<![0-9A-Za-z_])(?:gh[pousr]_[0-9A-Za-z]{36}|github_pat_[0-9A-Za-z]{22}_[0-9A-Za-z]{59})(?![0-9A-Za-z_])/g,
  validate({ match }) {
    const body = match.charCodeAt(2) === 95 /* _ */ ? match.slice(4) : match.slice(11);
    if (distinctChars(body) < 10) return null;
    if (match.length !== 40) return { confidence: 'validated', compact: match };
    return { confidence: githubChecksumValid(match) ? 'validated' : 'format', compact: match };
  },
  contextWords: ['github', 'token', 'gh_token', 'pat'],
  priority: 97,
});
