import { describe, expect, it } from 'vitest';
import {
  matchesAnyHost,
  matchesHost,
  parseHostPattern,
  type HostPattern,
} from '../../../utils/policy';

/** [pattern as written, parsed]. */
const PARSED: [string, HostPattern][] = [
  ['crm.example.com', { host: 'crm.example.com', wildcard: false, port: null }],
  ['*.example.com', { host: 'example.com', wildcard: true, port: null }],
  ['CRM.Example.COM', { host: 'crm.example.com', wildcard: false, port: null }],
  ['  crm.example.com  ', { host: 'crm.example.com', wildcard: false, port: null }],
  ['intranet.local:8443', { host: 'intranet.local', wildcard: false, port: '8443' }],
  ['intranet.local:08443', { host: 'intranet.local', wildcard: false, port: '8443' }],
  ['*.example.com:443', { host: 'example.com', wildcard: true, port: '443' }],
  ['localhost', { host: 'localhost', wildcard: false, port: null }],
  ['127.0.0.1:5173', { host: '127.0.0.1', wildcard: false, port: '5173' }],
  ['[::1]', { host: '[::1]', wildcard: false, port: null }],
  ['[::1]:3000', { host: '[::1]', wildcard: false, port: '3000' }],
  ['[0:0:0:0:0:0:0:1]', { host: '[::1]', wildcard: false, port: null }],
  ['[2001:DB8::1]', { host: '[2001:db8::1]', wildcard: false, port: null }],
  ['xn--bcher-kva.example', { host: 'xn--bcher-kva.example', wildcard: false, port: null }],
];

/** [pattern, why it is refused (a fragment of the message)]. */
const REFUSED: [string, RegExp][] = [
  ['', /^empty host pattern$/],
  ['   ', /^empty host pattern$/],
  ['https://crm.example.com', /not a URL/],
  ['crm.example.com/path', /not a URL/],
  ['//crm.example.com', /not a URL/],
  ['*', /is not a host pattern/],
  ['*.', /is not a host pattern/],
  ['a..b', /is not a host pattern/],
  ['crm.*.example.com', /is not a host pattern/],
  ['crm.example.com:', /is not a host pattern/],
  ['crm.example.com:abc', /is not a host pattern/],
  ['crm.example.com:123456', /is not a host pattern/],
  ['crm.example.com:0', /port must be 1-65535/],
  ['crm.example.com:65536', /port must be 1-65535/],
  ['[:::]', /not a valid IPv6 address/],
  ['user@crm.example.com', /is not a host pattern/],
  ['bücher.example', /is not a host pattern/],
];

describe('parseHostPattern', () => {
  it.each(PARSED)('%j parses', (input, expected) => {
    expect(parseHostPattern(input)).toEqual(expected);
  });
  it.each(REFUSED)('%j is refused', (input, why) => {
    const r = parseHostPattern(input);
    expect(typeof r).toBe('string');
    expect(r).toMatch(why);
  });
});

/** [pattern, origin, matches]. */
const MATCHES: [string, string, boolean][] = [
  // A bare host matches only itself, on any port and either scheme.
  ['crm.example.com', 'https://crm.example.com', true],
  ['crm.example.com', 'http://crm.example.com', true],
  ['crm.example.com', 'https://crm.example.com:8443', true],
  ['crm.example.com', 'https://a.crm.example.com', false],
  ['crm.example.com', 'https://example.com', false],
  ['crm.example.com', 'https://crm.example.com.evil.net', false],
  ['crm.example.com', 'https://xcrm.example.com', false],
  // *.domain matches the apex and every subdomain, nothing that merely ends alike.
  ['*.example.com', 'https://example.com', true],
  ['*.example.com', 'https://crm.example.com', true],
  ['*.example.com', 'https://a.b.example.com', true],
  ['*.example.com', 'https://evilexample.com', false],
  ['*.example.com', 'https://example.com.evil.net', false],
  ['*.example.com', 'https://example.co', false],
  // Case-insensitive both ways.
  ['CRM.EXAMPLE.COM', 'https://crm.example.com', true],
  ['crm.example.com', 'https://CRM.Example.Com', true],
  ['*.Example.com', 'https://WWW.EXAMPLE.COM', true],
  // A port in the pattern must match; the scheme's default counts.
  ['intranet.local:8443', 'https://intranet.local:8443', true],
  ['intranet.local:8443', 'https://intranet.local', false],
  ['intranet.local:8443', 'https://intranet.local:9443', false],
  ['intranet.local:08443', 'https://intranet.local:8443', true],
  ['crm.example.com:443', 'https://crm.example.com', true],
  ['crm.example.com:443', 'http://crm.example.com', false],
  ['crm.example.com:80', 'http://crm.example.com', true],
  ['*.example.com:8080', 'http://a.example.com:8080', true],
  ['*.example.com:8080', 'http://a.example.com:8081', false],
  // IP addresses.
  ['127.0.0.1', 'http://127.0.0.1:5173', true],
  ['127.0.0.1', 'http://127.0.0.2', false],
  ['[::1]', 'http://[::1]', true],
  ['[::1]', 'http://[::1]:3000', true],
  ['[::1]:3000', 'http://[::1]:3000', true],
  ['[::1]:3000', 'http://[::1]:3001', false],
  ['[::1]', 'http://[::2]', false],
  ['[0:0::1]', 'http://[::1]', true],
  // Only web origins can be approved: a local file or another extension is never "the CRM".
  ['crm.example.com', 'file://crm.example.com', false],
  ['localhost', 'file://', false],
  [
    'abcdefghijklmnopabcdefghijklmnop',
    'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
    false,
  ],
  ['crm.example.com', 'ftp://crm.example.com', false],
  ['crm.example.com', 'ws://crm.example.com', false],
  // Not an origin at all.
  ['crm.example.com', 'null', false],
  ['crm.example.com', '', false],
  ['crm.example.com', 'crm.example.com', false],
];

describe('matchesHost', () => {
  it.each(MATCHES)('%j vs %j → %s', (pattern, origin, expected) => {
    const p = parseHostPattern(pattern);
    if (typeof p === 'string') throw new Error(p);
    expect(matchesHost(p, origin)).toBe(expected);
  });
});

describe('matchesAnyHost', () => {
  const patterns = ['crm.example.com', '*.acme.example'].map(
    (s) => parseHostPattern(s) as HostPattern,
  );
  it.each([
    ['https://crm.example.com', true],
    ['https://wiki.acme.example', true],
    ['https://chat.example.org', false],
    // Opaque origins (sandboxed frames, data: URLs) are never approved.
    ['null', false],
    ['', false],
  ] as const)('%j → %s', (origin, expected) => {
    expect(matchesAnyHost(patterns, origin)).toBe(expected);
  });
  it('no patterns match nothing', () => {
    expect(matchesAnyHost([], 'https://crm.example.com')).toBe(false);
  });
});
