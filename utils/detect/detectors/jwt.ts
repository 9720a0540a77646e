import { defineDetector } from '../detector-def';
import { jwtHeaderValid } from '../validators';

/** Signature of the HS256 sample token shown on jwt.io ("John Doe", secret `your-256-bit-secret`). */
const SAMPLE_SIGNATURE = '.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

/**
 * JSON Web Token (JWS compact form): three base64url segments separated by dots, the first
 * decoding to a JSON object with an `alg` member (so it begins with `eyJ`, the encoding of
 * `{"`). The signature may be empty (`alg: none`). The sample token of jwt.io and countless
 * tutorials (recognised by its signature) is documentation, not a credential.
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
    return { confidence: 'validated', compact: match };
  },
  contextWords: ['bearer', 'authorization', 'token', 'jwt'],
  priority: 98,
});
