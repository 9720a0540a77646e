/**
 * Findings + site + compiled policy → decision. Pure and synchronous: it runs inside the paste
 * handler. Every rule whose sites and condition match is a candidate and the most severe
 * action wins (block > redact > warn > allow); among equals, the earlier rule.
 */
import { confidenceRank, type DetectResult, type Finding, type FindingType } from './detect/types';
import { matchesAnyHost } from './policy/site';
import type { CompiledPolicy, CompiledRule } from './policy/compile';
import { ACTIONS, type Action, type LocalText } from './policy/types';

export interface Decision {
  action: Action;
  /** Id of the deciding rule; null when no rule matched. */
  ruleId: string | null;
  message: LocalText | null;
  /** Whether the origin is an approved site. */
  approved: boolean;
  /** The findings the deciding rule counted (all findings when no rule matched). */
  findings: Finding[];
  /** Whether the event should be logged. */
  log: boolean;
}

function ruleApplies(rule: CompiledRule, approved: boolean, origin: string): boolean {
  if (rule.sites === 'all') return true;
  if (rule.sites === 'approved') return approved;
  if (rule.sites === 'unapproved') return !approved;
  return matchesAnyHost(rule.hosts, origin);
}

/** Number of distinct values among findings of the given types at the given confidence. */
function countDistinct(result: DetectResult, rule: CompiledRule): { n: number; hits: Finding[] } {
  const min = confidenceRank(rule.minConfidence ?? 'validated');
  const types = new Set<FindingType>(rule.types);
  const hits = result.findings.filter(
    (f) => types.has(f.type) && confidenceRank(f.confidence) >= min,
  );
  // Distinct by masked form: the same value pasted twice counts once, like the engine's counts.
  const seen = new Set(hits.map((f) => `${f.type}\u0000${f.masked}`));
  return { n: seen.size, hits };
}

/** Decides what happens to text with these findings, pasted into a frame of `origin`. */
export function decide(result: DetectResult, origin: string, policy: CompiledPolicy): Decision {
  const approved = matchesAnyHost(policy.approved, origin);
  let best: { rule: CompiledRule; hits: Finding[] } | null = null;
  for (const rule of policy.rules) {
    if (!ruleApplies(rule, approved, origin)) continue;
    const { n, hits } = countDistinct(result, rule);
    if (n === 0 || n < (rule.minCount ?? 1)) continue;
    if (!best || ACTIONS.indexOf(rule.action) > ACTIONS.indexOf(best.rule.action))
      best = { rule, hits };
  }
  // Text the engine could not scan to the end is never let through silently.
  if (result.truncated && (!best || best.rule.action === 'allow')) {
    return {
      action: 'block',
      ruleId: 'engine-limit',
      message: null,
      approved,
      findings: result.findings,
      log: true,
    };
  }
  if (!best) {
    return {
      action: 'allow',
      ruleId: null,
      message: null,
      approved,
      findings: result.findings,
      log: result.findings.length > 0 && policy.logAllowed,
    };
  }
  return {
    action: best.rule.action,
    ruleId: best.rule.id,
    message: best.rule.message ?? null,
    approved,
    findings: best.hits,
    log: best.rule.action !== 'allow' || policy.logAllowed,
  };
}
