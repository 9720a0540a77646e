import { labeledAsOther } from '../context';
import { defineDetector } from '../detector-def';

/** Whether a.b.c.d is private, loopback, link-local, shared, unspecified, multicast or a mask. */
function isInternal(a: number, b: number): boolean {
  return (
    a === 10 ||
    a === 127 ||
    a === 0 ||
    a >= 224 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127)
  );
}

const VERSION_WORDS = ['版本', 'version', 'ver.', 'ver:', 'build', 'release', 'firmware', '固件'];

/**
 * IPv4 address in dotted-decimal form, each octet 0–255 without leading zeros. Not part of a
 * longer dotted run (10.0.19041.1) and not after a letter or a `Product/` (v1.2.3.4,
 * Chrome/120.0.0.0), nor labeled as a version. An `@` before it is allowed: `root@203.0.113.9`
 * and `git@140.82.112.3:repo` are addresses (an e-mail domain never ends in a number).
 *
 * Confidence tells public from internal addresses, so a policy can ignore the latter:
 * public addresses are `validated` (or `context` beside a label such as IP / 服务器); private
 * (10/8, 172.16/12, 192.168/16), loopback, link-local, CGNAT, unspecified, multicast and
 * broadcast / netmask values (224.0.0.0 and up) are reported at `format` confidence.
 */
export const ipv4 = defineDetector({
  type: 'IPV4',
  description:
    'IPv4 address; private, loopback and other internal ranges are reported at format confidence.',
  pattern:
    /(?<![0-9A-Za-z_.]|[0-9A-Za-z]\/|\d-)(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![0-9A-Za-z_@]|\.\d)/g,
  validate({ text, match, start }) {
    if (labeledAsOther(text, start, [], VERSION_WORDS)) return null;
    const d1 = match.indexOf('.');
    const d2 = match.indexOf('.', d1 + 1);
    const a = Number(match.slice(0, d1));
    const b = Number(match.slice(d1 + 1, d2));
    return { confidence: isInternal(a, b) ? 'format' : 'validated', compact: match };
  },
  contextWords: ['ip', '服务器', '地址', 'server', 'host', 'address', 'addr'],
  priority: 40,
});
