import { defineDetector } from '../detector-def';
import { jwtHeaderValid } from '../validators';

/**
 * JSON Web Token (JWS compact form): three base64url segments separated by dots, the first
 * decoding to a JSON object with an `alg` member (so it begins with `eyJ`, the encoding of
 * `{"`). The signature may be empty (`alg: none`).
 */
export const jwt = defineDetector({
  type: 'JWT',
  description:
    'JSON Web Token: base64url header that decodes to JSON with "alg", payload, signature.',
  pattern:
    /(?<![0-9A-Za-z_\-.])eyJ[0-9A-Za-z_-]{5,2048}\.[0-9A-Za-z_-]{2,8192}\.[0-9A-Za-z_-]{0,2048}(?![0-9A-Za-z_-]|\.[0-9A-Za-z_-])/g,
  validate({ match }) {
    const dot = match.indexOf('.');
    if (!jwtHeaderValid(match.slice(0, dot))) return null;
    return { confidence: 'validated', compact: match };
  },
  contextWords: ['bearer', 'authorization', 'token', 'jwt'],
  priority: 98,
});
