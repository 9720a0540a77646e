/**
 * Host patterns for approved sites. A pattern is `host`, `*.domain` or either with `:port`.
 * `*.example.com` matches example.com itself and every subdomain; a bare host matches only
 * itself. Without a port a pattern matches any port. Hosts compare case-insensitively. Only
 * web origins (http, https) can match: a local file or an extension page is never an approved
 * site, whatever its host part says.
 */

export interface HostPattern {
  /** Host without the `*.` prefix, lower case. */
  host: string;
  wildcard: boolean;
  /** Port in canonical decimal (no leading zeros), or null for any. */
  port: string | null;
}

const HOST_RE = /^(\*\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/;

/** Parses a pattern, or returns an error message naming what is wrong. */
export function parseHostPattern(pattern: string): HostPattern | string {
  const p = pattern.trim().toLowerCase();
  if (p === '') return 'empty host pattern';
  if (p.includes('://') || p.includes('/'))
    return `"${pattern}" must be a host such as example.com or *.example.com, not a URL`;
  const m = HOST_RE.exec(p);
  if (!m) return `"${pattern}" is not a host pattern (use example.com, *.example.com or host:port)`;
  // A port no URL can have would make the pattern silently match nothing.
  if (m[3] !== undefined && (Number(m[3]) < 1 || Number(m[3]) > 65535))
    return `"${pattern}": port must be 1-65535`;
  // Ports compare as URL.port writes them (`08443` is 8443), IPv6 as URL.hostname does
  // (`[0:0::1]` is `[::1]`), or the pattern would silently match nothing.
  const port = m[3] === undefined ? null : String(Number(m[3]));
  let host = m[2]!;
  if (host.startsWith('[')) {
    try {
      host = new URL(`http://${host}/`).hostname;
    } catch {
      return `"${pattern}" is not a valid IPv6 address`;
    }
  }
  return { host, wildcard: m[1] !== undefined, port };
}

/** Whether `origin` (scheme://host[:port]) matches the compiled pattern. */
export function matchesHost(p: HostPattern, origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  // file://crm.example.com/ or chrome-extension://<id> have a host part too, but are not sites.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  const host = url.hostname.toLowerCase();
  if (p.port !== null) {
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    if (port !== p.port) return false;
  }
  if (host === p.host) return true;
  return p.wildcard && host.endsWith('.' + p.host);
}

/** Whether the origin matches any of the patterns. Opaque origins (`null`) match none. */
export function matchesAnyHost(patterns: readonly HostPattern[], origin: string): boolean {
  if (origin === 'null' || origin === '') return false;
  return patterns.some((p) => matchesHost(p, origin));
}
