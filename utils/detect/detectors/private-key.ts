import { defineDetector } from '../detector-def';
import { distinctChars } from '../validators';

/** Base64 characters of a key body (headers such as Proc-Type / DEK-Info are skipped). */
const BODY_LINE = /^[A-Za-z0-9+/=]+$/;

/**
 * Line breaks of the body: real ones, and the escapes `\n` / `\r\n` of a key pasted inside a
 * JSON string (a service-account file puts the whole block on one line).
 */
const LINE_BREAK = /\r?\n|\\r\\n|\\n/;

/** JSON's escaped slash (`\/`, written by some encoders), a plain `/` of the base64 body. */
const ESCAPED_SLASH = /\\\//g;

/**
 * PEM / OpenSSH / PGP private key block: `-----BEGIN [RSA |EC |DSA |OPENSSH |ENCRYPTED ]PRIVATE
 * KEY-----` … the matching END line (`validated`). A block cut off before its END line is still
 * reported at `format` when at least 64 base64 characters follow the BEGIN line. Public keys and
 * certificates (`BEGIN PUBLIC KEY`, `BEGIN CERTIFICATE`, `ssh-rsa AAAA…`) never match, and a
 * body with fewer than 64 base64 characters or little variety (`MIIE...`, `xxxx`) is a
 * placeholder. A block inside a JSON string (`"-----BEGIN PRIVATE KEY-----\nMIIE…\n-----END
 * PRIVATE KEY-----\n"`) reads the escapes `\n` and `\/` as a line break and a slash. A cut-off
 * block ends at its last base64 character, not on the blank lines after it. The search for the
 * END line is bounded (16 KiB), and the cut-off form starts and ends on a base64 character (its
 * line breaks cannot be shared between two repetitions), so it stays linear.
 */
export const privateKey = defineDetector({
  type: 'PRIVATE_KEY',
  description:
    'Private key block (PEM RSA/EC/DSA/PKCS#8/encrypted, OpenSSH, PGP); never public keys or certificates.',
  pattern:
    /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----(?:[\s\S]{1,16384}?-----END \1-----|(?:[\r\n]|\\[rn])+[A-Za-z0-9+/=](?:[A-Za-z0-9+/=\r\n]|\\[rn/]){62,16382}[A-Za-z0-9+/=])/g,
  validate({ match }) {
    const headerEnd = match.indexOf('-----', 11) + 5;
    const endAt = match.indexOf('-----END ', headerEnd);
    const body = match.slice(headerEnd, endAt < 0 ? match.length : endAt);
    let b64 = '';
    for (const line of body.split(LINE_BREAK)) {
      const t = line.trim().replace(ESCAPED_SLASH, '/');
      if (BODY_LINE.test(t)) b64 += t;
    }
    if (b64.length < 64 || distinctChars(b64) < 16) return null;
    return { confidence: endAt < 0 ? 'format' : 'validated', compact: b64 };
  },
  contextWords: [],
  priority: 100,
});
