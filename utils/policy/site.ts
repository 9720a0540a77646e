/**
 * Host patterns for approved sites. A pattern is `host`, `*.domain` or either with `:port`.
 * `*.example.com` matches example.com itself and every subdomain; a bare host matches only
 * itself. Without a port a pattern matches any port. Hosts compare case-insensitively.
 */

export interface HostPattern {
  /** Host without the `*.` prefix, lower case. */
  host: string;
  wildcard: boolean;
  /** Port as written, or null for any. */
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
  return { host: m[2]!, wildcard: m[1] !== undefined, port: m[3] ?? null };
}

/** Whether `origin` (scheme://host[:port]) matches the compiled pattern. */
export function matchesHost(p: HostPattern, origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  if (p.port !== null) {
    const port =
      url.port || (url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '');
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
