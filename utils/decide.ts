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
  const groups = rule.groups ? new Set(rule.groups) : null;
  const hits: Finding[] = [];
  const maskedByType = new Map<FindingType, Set<string>>();
  const skippedByType = new Map<FindingType, number>();
  for (const f of result.findings) {
    if (!types.has(f.type)) continue;
    const outOfGroup =
      groups !== null &&
      (f.type === 'KEYWORD' || f.type === 'CUSTOM_PATTERN') &&
      !groups.has(f.rule ?? '');
    if (outOfGroup || confidenceRank(f.confidence) < min) {
      skippedByType.set(f.type, (skippedByType.get(f.type) ?? 0) + 1);
      continue;
    }
    hits.push(f);
    let set = maskedByType.get(f.type);
    if (!set) maskedByType.set(f.type, (set = new Set()));
    set.add(f.masked);
  }
  // Distinct masked forms undercount: ten colleagues at one client can all mask to
  // z****@client.com. The engine counted distinct raw values per type; less the findings this
  // rule skipped, that is a lower bound that sees them (exact when none was skipped).
  let n = 0;
  for (const [type, masked] of maskedByType)
    n += Math.max(masked.size, (result.counts[type] ?? 0) - (skippedByType.get(type) ?? 0));
  return { n, hits };
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
  // Text the engine could not scan to the end is never let through: a warning can be
  // overridden and a redaction only covers what was scanned, so only a block rule may decide.
  if (result.truncated && (!best || best.rule.action !== 'block')) {
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
