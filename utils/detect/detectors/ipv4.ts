import { answersQuestion, labeledAsOther, wordAfter, wordBefore } from '../context';
import { defineDetector } from '../detector-def';

/**
 * Whether a.b.c.d is private, loopback, link-local, shared, unspecified, multicast or a mask,
 * or lies in a documentation network (RFC 5737: 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24,
 * the placeholders of manuals and sample configs).
 */
function isInternal(a: number, b: number, c: number): boolean {
  return (
    (a === 192 && b === 0 && c === 2) ||
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113) ||
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

/**
 * Labels that make a dotted number a version or an object identifier, not an address (directly
 * before it, heading its column, or asked about on the line above).
 */
const NOT_ADDRESS_WORDS = [
  '版本',
  '版本号',
  '内核',
  '固件',
  'version',
  'ver.',
  'ver:',
  'build',
  'release',
  'firmware',
  'kernel',
  'oid',
];

/** Labels of an address (the engine's context words); a question naming one asks for an IP. */
const ADDRESS_WORDS = ['ip', '服务器', '地址', 'server', 'host', 'address', 'addr'];

/** Units of a contract clause number: 第 3.2.1.4 款 / 条 / 项 / 节 / 章. */
const CLAUSE_UNITS = ['款', '条', '项', '节', '章'];

/** Words that begin with a clause unit but follow an address (「8.8.8.8 节点」). */
const NOT_CLAUSE = ['节点', '项目'];

/**
 * IPv4 address in dotted-decimal form, each octet 0–255 without leading zeros. Not part of a
 * longer dotted run (10.0.19041.1) and not after a letter or a `Product/` (v1.2.3.4,
 * Chrome/120.0.0.0). Not a version or an OID: labeled as one (「内核 5.15.0.105」, `OID 2.5.29.17`,
 * under an `agent_version` column) or answering a question about one on the line above
 * (`which client version?` / `5.1.4.2 I think`). Not a clause number (「第 3.2.1.4 款」). An `@`
 * before it is allowed: `root@121.34.104.16` and `git@140.82.112.3:repo` are addresses (an
 * e-mail domain never ends in a number).
 *
 * Confidence tells public from internal addresses, so a policy can ignore the latter:
 * public addresses are `validated` (or `context` beside a label such as IP / 服务器); private
 * (10/8, 172.16/12, 192.168/16), loopback, link-local, CGNAT, unspecified, multicast and
 * broadcast / netmask values (224.0.0.0 and up), and the documentation networks of RFC 5737
 * (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24: placeholders, no client's address) are
 * reported at `format` confidence, which the default policy does not count.
 */
export const ipv4 = defineDetector({
  type: 'IPV4',
  description:
    'IPv4 address; private, loopback and other internal ranges are reported at format confidence.',
  pattern:
    /(?<![0-9A-Za-z_.]|[0-9A-Za-z]\/|\d-)(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![0-9A-Za-z_@]|\.\d)/g,
  validate({ text, match, start, end }) {
    if (
      labeledAsOther(text, start, [], NOT_ADDRESS_WORDS) ||
      answersQuestion(text, start, NOT_ADDRESS_WORDS, ADDRESS_WORDS) ||
      wordBefore(text, start, ['第']) ||
      (wordAfter(text, end, CLAUSE_UNITS) && !wordAfter(text, end, NOT_CLAUSE))
    )
      return null;
    const d1 = match.indexOf('.');
    const d2 = match.indexOf('.', d1 + 1);
    const d3 = match.indexOf('.', d2 + 1);
    const a = Number(match.slice(0, d1));
    const b = Number(match.slice(d1 + 1, d2));
    const c = Number(match.slice(d2 + 1, d3));
    return { confidence: isInternal(a, b, c) ? 'format' : 'validated', compact: match };
  },
  contextWords: ADDRESS_WORDS,
  priority: 40,
});
