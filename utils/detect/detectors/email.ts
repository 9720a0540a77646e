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

/** Longest user-info part scanned back for a `://` (characters). */
const MAX_USERINFO = 256;

/** Whether `c` may stand in a URL's user-info: RFC 3986 unreserved, `%`, `+` and `:`. */
function isUserinfoChar(c: number): boolean {
  return (
    (c >= 48 && c <= 58) /* 0-9 and : */ ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 46 /* . */ ||
    c === 95 /* _ */ ||
    c === 126 /* ~ */ ||
    c === 37 /* % */ ||
    c === 43 /* + */ ||
    c === 45 /* - */
  );
}

/**
 * Whether the address at `start` is the user-info of a URL: `://` stands before it with only
 * user-info characters between. `https://key@o1.ingest.sentry.io/42` holds a key,
 * `https://deploy:s3cr3t@git.corp.cn/…` a password: credentials, not mailboxes. (`?email=a@b.cn`
 * in a query is still an address: `=` is not user-info.)
 */
function inUrlUserinfo(text: string, start: number): boolean {
  const stop = Math.max(0, start - MAX_USERINFO);
  let i = start;
  while (i > stop && isUserinfoChar(text.charCodeAt(i - 1))) i--;
  return i >= 3 && text.startsWith('://', i - 3);
}

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
 * reported. Credentials in a URL (`scheme://user:pass@host`, `scheme://token@host`, a Sentry
 * DSN) have an address's shape but are not one: an address directly after `://`, with only
 * user-info characters between, is not reported.
 */
export const email = defineDetector({
  type: 'EMAIL',
  description:
    'E-mail address with a dotted domain and an alphabetic TLD; reserved example/test domains excluded.',
  pattern:
    /(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/g,
  validate({ text, match, start }) {
    if (inUrlUserinfo(text, start)) return null;
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
