import { defineDetector } from '../detector-def';

/** File extensions that follow an `@` in asset names (icon@2x.png), not top-level domains. */
const NOT_TLD = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'js', 'css', 'ts', 'map']);

/**
 * Domains reserved for documentation and testing (RFC 2606, RFC 6761): the second-level
 * example.com / .net / .org and every name under them.
 */
const RESERVED_DOMAINS = ['example.com', 'example.net', 'example.org'];

/** Top-level domains reserved by RFC 2606 / RFC 6761; no real mailbox lives under them. */
const RESERVED_TLDS = new Set(['example', 'test', 'invalid', 'localhost']);

/** Whether `domain` (lower case) is or lies under a reserved documentation / test domain. */
function reservedDomain(domain: string, tld: string): boolean {
  if (RESERVED_TLDS.has(tld)) return true;
  return RESERVED_DOMAINS.some((d) => domain === d || domain.endsWith(`.${d}`));
}

/**
 * E-mail address: an RFC 5321-shaped local part, `@`, a dotted domain of up to nine labels and
 * an alphabetic top-level domain — qq.com, 163.com, vip.sina.com, mail.example.com.cn alike.
 * `@mentions` (`@张三`, `@john`) have no local part and no dotted domain, and do not match;
 * retina asset names (`icon@2x.png`) are rejected by their extension. Addresses under the
 * reserved documentation and test domains (RFC 2606 / 6761: example.com / .net / .org and names
 * under them, the .example .test .invalid .localhost TLDs) are not reported: they are the
 * placeholders of manuals and sample configs (`your.name@example.com`), and no client can be
 * written to there. Look-alikes that are ordinary domains (example.cn, example-bank.com.cn) are
 * reported.
 */
export const email = defineDetector({
  type: 'EMAIL',
  description:
    'E-mail address with a dotted domain and an alphabetic TLD; reserved example/test domains excluded.',
  pattern:
    /(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/g,
  validate({ match }) {
    const at = match.lastIndexOf('@');
    const local = match.slice(0, at);
    if (local.endsWith('.') || local.includes('..')) return null;
    const tld = match.slice(match.lastIndexOf('.') + 1).toLowerCase();
    if (NOT_TLD.has(tld)) return null;
    if (reservedDomain(match.slice(at + 1).toLowerCase(), tld)) return null;
    return { confidence: 'validated', compact: match.toLowerCase() };
  },
  contextWords: ['邮箱', '电邮', '邮件', 'email', 'e-mail', 'mail'],
  priority: 65,
});
