import { defineDetector } from '../detector-def';
import { distinctChars } from '../validators';

/** Base64 characters of a key body (headers such as Proc-Type / DEK-Info are skipped). */
const BODY_LINE = /^[A-Za-z0-9+/=]+$/;

/**
 * PEM / OpenSSH / PGP private key block: `-----BEGIN [RSA |EC |DSA |OPENSSH |ENCRYPTED ]PRIVATE
 * KEY-----` … the matching END line (`validated`). A block cut off before its END line is still
 * reported at `format` when at least 64 base64 characters follow the BEGIN line. Public keys and
 * certificates (`BEGIN PUBLIC KEY`, `BEGIN CERTIFICATE`, `ssh-rsa AAAA…`) never match, and a
 * body with fewer than 64 base64 characters or little variety (`MIIE...`, `xxxx`) is a
 * placeholder. The search for the END line is bounded (16 KiB), so it stays linear.
 */
export const privateKey = defineDetector({
  type: 'PRIVATE_KEY',
  description:
    'Private key block (PEM RSA/EC/DSA/PKCS#8/encrypted, OpenSSH, PGP); never public keys or certificates.',
  pattern:
    /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----(?:[\s\S]{1,16384}?-----END \1-----|[\r\n]+[A-Za-z0-9+/=\r\n]{64,16384})/g,
  validate({ match }) {
    const headerEnd = match.indexOf('-----', 11) + 5;
    const endAt = match.indexOf('-----END ', headerEnd);
    const body = match.slice(headerEnd, endAt < 0 ? match.length : endAt);
    let b64 = '';
    for (const line of body.split(/\r?\n/)) {
      const t = line.trim();
      if (BODY_LINE.test(t)) b64 += t;
    }
    if (b64.length < 64 || distinctChars(b64) < 16) return null;
    return { confidence: endAt < 0 ? 'format' : 'validated', compact: b64 };
  },
  contextWords: [],
  priority: 100,
});
