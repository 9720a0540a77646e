import { defineDetector } from '../detector-def';
import { distinctChars, jwtHeaderValid } from '../validators';

/** Signature of the HS256 sample token shown on jwt.io ("John Doe", secret `your-256-bit-secret`). */
const SAMPLE_SIGNATURE = '.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

/**
 * Shortest real signature: HS256, the smallest algorithm, signs with 32 bytes = 43 base64url
 * characters (ES256 86, RS256 342).
 */
const MIN_SIGNATURE = 43;

/**
 * JSON Web Token (JWS compact form): three base64url segments separated by dots, the first
 * decoding to a JSON object with an `alg` member (so it begins with `eyJ`, the encoding of
 * `{"`). The signature may be empty (`alg: none`). Documentation, not credentials: the sample
 * token of jwt.io and countless tutorials (recognised by its signature), a placeholder signature
 * with fewer than 8 distinct characters (`….xxxx`; no algorithm produces one), and a token with
 * no claims (payload `e30` = `{}`) whose signature is empty or shorter than any real one.
 */
export const jwt = defineDetector({
  type: 'JWT',
  description:
    'JSON Web Token: base64url header that decodes to JSON with "alg", payload, signature.',
  pattern:
    /(?<![0-9A-Za-z_\-.])eyJ[0-9A-Za-z_-]{5,2048}\.[0-9A-Za-z_-]{2,8192}\.[0-9A-Za-z_-]{0,2048}(?![0-9A-Za-z_-]|\.[0-9A-Za-z_-])/g,
  validate({ match }) {
    const dot = match.indexOf('.');
    if (!jwtHeaderValid(match.slice(0, dot)) || match.endsWith(SAMPLE_SIGNATURE)) return null;
    const dot2 = match.indexOf('.', dot + 1);
    const signature = match.slice(dot2 + 1);
    if (signature.length > 0 && distinctChars(signature) < 8) return null;
    if (match.slice(dot + 1, dot2) === 'e30' && signature.length < MIN_SIGNATURE) return null;
    return { confidence: 'validated', compact: match };
  },
  contextWords: ['bearer', 'authorization', 'token', 'jwt'],
  priority: 98,
});
