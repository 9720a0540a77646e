/**
 * Compiles a validated policy once, when it loads, into the form every frame uses. The
 * compiled form is plain JSON (host patterns pre-parsed) so the background can store it and a
 * new frame reads it cheaply; the content script builds its detector from it.
 */
import { canonicalJson } from '../log/chain';
import type { HostPattern } from './site';
import { parseHostPattern } from './site';
import type { Policy, PolicyRule } from './types';

export type PolicySource = 'default' | 'managed';

export interface CompiledRule extends Omit<PolicyRule, 'hosts'> {
  /** Parsed `hosts` when sites is `hosts`. */
  hosts: HostPattern[];
}

export interface CompiledPolicy {
  /** Short digest of the policy text, logged with every event. */
  id: string;
  name: string;
  source: PolicySource;
  approved: HostPattern[];
  rules: CompiledRule[];
  logAllowed: boolean;
}

function patterns(hosts: readonly string[]): HostPattern[] {
  const out: HostPattern[] = [];
  for (const h of hosts) {
    const p = parseHostPattern(h);
    if (typeof p !== 'string') out.push(p);
  }
  return out;
}

/**
 * FNV-1a over the canonical JSON (keys sorted), so the same policy has the same id whatever
 * order its keys were written or rebuilt in: an identifier for "which policy decided", not a
 * secret.
 */
export function policyId(policy: Policy): string {
  const s = canonicalJson(policy);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Compiles a policy that validatePolicy accepted. */
export function compilePolicy(policy: Policy, source: PolicySource): CompiledPolicy {
  return {
    id: policyId(policy),
    name: policy.name,
    source,
    approved: patterns(policy.approvedSites),
    logAllowed: policy.logAllowed ?? true,
    rules: policy.rules.map((r) => ({ ...r, hosts: patterns(r.hosts ?? []) })),
  };
}
