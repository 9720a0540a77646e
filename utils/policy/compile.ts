/**
 * Compiles a validated policy once, when it loads, into the form every frame uses. The
 * compiled form is plain JSON (host patterns pre-parsed) so the background can store it and a
 * new frame reads it cheaply; the content script builds its detector from it.
 */
import { compileAdminProgram, type CompiledAdminPattern } from '../detect/admin-pattern';
import type { KeywordGroup } from '../detect/keywords';
import { canonicalJson } from '../log/chain';
import { clientListText, keywordGroups } from './matchers';
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
  /** Keyword groups, built-in lists expanded. */
  keywords: KeywordGroup[];
  /** Admin patterns compiled to programs (frames run them without parsing). */
  patterns: CompiledAdminPattern[];
  /**
   * The client list, when the policy has one: what a frame needs to know before it loads the
   * list itself (kept apart from the compiled policy, see utils/storage.ts).
   */
  clientList: { entries: number; digest: string } | null;
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
  return fnv1a(canonicalJson(policy));
}

/** 32-bit FNV-1a of a string, as 8 hex digits. */
export function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * Compiles a policy that validatePolicy accepted. `clientListEntries` is the number of entries
 * of its client list (the caller loaded it while validating).
 */
export function compilePolicy(
  policy: Policy,
  source: PolicySource,
  clientListEntries = 0,
): CompiledPolicy {
  return {
    id: policyId(policy),
    name: policy.name,
    source,
    approved: patterns(policy.approvedSites),
    logAllowed: policy.logAllowed ?? true,
    rules: policy.rules.map((r) => ({ ...r, hosts: patterns(r.hosts ?? []) })),
    keywords: keywordGroups(policy.keywords ?? []),
    patterns: (policy.patterns ?? []).map((p) => {
      const r = compileAdminProgram(p.pattern, { id: p.id, flags: p.flags ?? '' });
      // validatePolicy accepted the policy, so every pattern compiles.
      if (!r.ok) throw new Error(`patterns '${p.id}': ${r.error}`);
      return r.compiled;
    }),
    clientList: policy.clientList
      ? { entries: clientListEntries, digest: fnv1a(clientListText(policy.clientList)) }
      : null,
  };
}
