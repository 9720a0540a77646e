/**
 * Validates an untrusted policy (managed storage, an imported file) and returns either the
 * typed policy or readable errors that name the field (`rules[2].action: must be one of …`).
 * A rejected policy never replaces the one in force (see the background's policy loader).
 */
import { CONFIDENCES, FINDING_TYPES, type Confidence, type FindingType } from '../detect/types';
import { parseHostPattern } from './site';
import {
  ACTIONS,
  POLICY_VERSION,
  RULE_SITES,
  type Action,
  type LocalText,
  type Policy,
  type PolicyRule,
  type RuleSites,
} from './types';

export type ValidationResult = { ok: true; policy: Policy } | { ok: false; errors: string[] };

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[]): v is T {
  return typeof v === 'string' && (allowed as readonly string[]).includes(v);
}

function checkLocalText(v: unknown, path: string, errors: string[]): LocalText | undefined {
  if (v === undefined) return undefined;
  if (!isObject(v)) {
    errors.push(`${path}: must be an object like {"en": "…", "zh_CN": "…"}`);
    return undefined;
  }
  const out: LocalText = {};
  for (const [k, text] of Object.entries(v)) {
    if (k !== 'en' && k !== 'zh_CN')
      errors.push(`${path}.${k}: unknown language (use en or zh_CN)`);
    else if (typeof text !== 'string') errors.push(`${path}.${k}: must be a string`);
    else if (text.length > 500) errors.push(`${path}.${k}: longer than 500 characters`);
    else out[k] = text;
  }
  return out;
}

function checkHosts(v: unknown, path: string, errors: string[]): string[] {
  if (!Array.isArray(v)) {
    errors.push(`${path}: must be a list of host patterns`);
    return [];
  }
  const out: string[] = [];
  v.forEach((h, i) => {
    if (typeof h !== 'string') {
      errors.push(`${path}[${i}]: must be a string`);
      return;
    }
    const parsed = parseHostPattern(h);
    if (typeof parsed === 'string') errors.push(`${path}[${i}]: ${parsed}`);
    else out.push(h);
  });
  return out;
}

function checkRule(
  v: unknown,
  path: string,
  errors: string[],
  ids: Set<string>,
): PolicyRule | null {
  if (!isObject(v)) {
    errors.push(`${path}: must be an object`);
    return null;
  }
  const before = errors.length;
  const id = v.id;
  if (typeof id !== 'string' || !/^[A-Za-z0-9_.:-]{1,64}$/.test(id))
    errors.push(`${path}.id: must be 1-64 letters, digits or _ . : -`);
  else if (ids.has(id)) errors.push(`${path}.id: "${id}" is used by another rule`);
  else ids.add(id);

  let sites: RuleSites = 'unapproved';
  let hosts: string[] | undefined;
  if (v.sites === undefined || oneOf(v.sites, RULE_SITES))
    sites = (v.sites as RuleSites | undefined) ?? 'unapproved';
  else errors.push(`${path}.sites: must be one of ${RULE_SITES.join(', ')}`);
  if (sites === 'hosts') {
    if (v.hosts === undefined) errors.push(`${path}.hosts: required when sites is "hosts"`);
    else hosts = checkHosts(v.hosts, `${path}.hosts`, errors);
  } else if (v.hosts !== undefined)
    errors.push(`${path}.hosts: only allowed when sites is "hosts"`);

  const types: FindingType[] = [];
  if (!Array.isArray(v.types) || v.types.length === 0) {
    errors.push(`${path}.types: must be a non-empty list of finding types`);
  } else {
    v.types.forEach((t, i) => {
      if (oneOf(t, FINDING_TYPES)) types.push(t);
      else
        errors.push(
          `${path}.types[${i}]: unknown type ${JSON.stringify(t)} (known: ${FINDING_TYPES.join(', ')})`,
        );
    });
  }
  if (v.minCount !== undefined && (!Number.isInteger(v.minCount) || (v.minCount as number) < 1))
    errors.push(`${path}.minCount: must be a whole number ≥ 1`);
  if (v.minConfidence !== undefined && !oneOf(v.minConfidence, CONFIDENCES))
    errors.push(`${path}.minConfidence: must be one of ${CONFIDENCES.join(', ')}`);
  if (!oneOf(v.action, ACTIONS))
    errors.push(`${path}.action: must be one of ${ACTIONS.join(', ')}`);
  const message = checkLocalText(v.message, `${path}.message`, errors);
  const known = new Set([
    'id',
    'sites',
    'hosts',
    'types',
    'minCount',
    'minConfidence',
    'action',
    'message',
  ]);
  for (const k of Object.keys(v)) if (!known.has(k)) errors.push(`${path}.${k}: unknown field`);
  if (errors.length > before) return null;

  const rule: PolicyRule = { id: id as string, sites, types, action: v.action as Action };
  if (hosts) rule.hosts = hosts;
  if (v.minCount !== undefined) rule.minCount = v.minCount as number;
  if (v.minConfidence !== undefined) rule.minConfidence = v.minConfidence as Confidence;
  if (message) rule.message = message;
  return rule;
}

/** Checks an untrusted value against the policy schema. */
export function validatePolicy(input: unknown): ValidationResult {
  const errors: string[] = [];
  if (!isObject(input)) return { ok: false, errors: ['policy: must be a JSON object'] };
  if (input.version !== POLICY_VERSION)
    errors.push(`version: must be ${POLICY_VERSION} (got ${JSON.stringify(input.version)})`);
  if (input.name !== undefined && typeof input.name !== 'string')
    errors.push('name: must be a string');
  const approvedSites = checkHosts(input.approvedSites ?? [], 'approvedSites', errors);
  const rules: PolicyRule[] = [];
  if (!Array.isArray(input.rules)) errors.push('rules: must be a list of rules');
  else {
    const ids = new Set<string>();
    input.rules.forEach((r, i) => {
      const rule = checkRule(r, `rules[${i}]`, errors, ids);
      if (rule) rules.push(rule);
    });
  }
  if (input.logAllowed !== undefined && typeof input.logAllowed !== 'boolean')
    errors.push('logAllowed: must be true or false');
  const known = new Set(['version', 'name', 'approvedSites', 'rules', 'logAllowed', '$schema']);
  for (const k of Object.keys(input)) if (!known.has(k)) errors.push(`${k}: unknown field`);
  if (errors.length > 0) return { ok: false, errors };
  const policy: Policy = {
    version: POLICY_VERSION,
    name: typeof input.name === 'string' ? input.name : 'Unnamed policy',
    approvedSites,
    rules,
  };
  if (typeof input.logAllowed === 'boolean') policy.logAllowed = input.logAllowed;
  return { ok: true, policy };
}
