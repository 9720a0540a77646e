/**
 * Validates an untrusted policy (managed storage, an imported file) and returns either the
 * typed policy or readable errors that name the field (`rules[2].action: must be one of …`).
 * A rejected policy never replaces the one in force (see the background's policy loader).
 */
import { compileAdminPattern } from '../detect/admin-pattern';
import { ClientListError, loadClientList } from '../detect/client-list';
import { createKeywordMatcher, KeywordError } from '../detect/keywords';
import { CONFIDENCES, FINDING_TYPES, type Confidence, type FindingType } from '../detect/types';
import { clientListText, keywordGroups } from './matchers';
import { parseHostPattern } from './site';
import {
  ACTIONS,
  BUILTIN_KEYWORDS,
  POLICY_VERSION,
  RULE_SITES,
  type Action,
  type ClientListSpec,
  type KeywordGroupSpec,
  type PatternSpec,
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
  let groups: string[] | undefined;
  if (v.groups !== undefined) {
    if (
      !Array.isArray(v.groups) ||
      v.groups.length === 0 ||
      !v.groups.every((g) => typeof g === 'string')
    )
      errors.push(`${path}.groups: must be a non-empty list of keyword group or pattern ids`);
    else if (!types.includes('KEYWORD') && !types.includes('CUSTOM_PATTERN'))
      errors.push(
        `${path}.groups: only applies to rules whose types include KEYWORD or CUSTOM_PATTERN`,
      );
    else groups = v.groups as string[];
  }
  const known = new Set([
    'id',
    'sites',
    'hosts',
    'types',
    'minCount',
    'minConfidence',
    'groups',
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
  if (groups) rule.groups = groups;
  return rule;
}

const ID_RE = /^[A-Za-z0-9_.:-]{1,64}$/;

/** Keyword groups: ids, words or a built-in list, and a matcher that can be built from them. */
function checkKeywords(v: unknown, errors: string[], ids: Set<string>): KeywordGroupSpec[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    errors.push('keywords: must be a list of keyword groups');
    return [];
  }
  const before = errors.length;
  const out: KeywordGroupSpec[] = [];
  v.forEach((g, i) => {
    const path = `keywords[${i}]`;
    if (!isObject(g)) return errors.push(`${path}: must be an object`);
    if (typeof g.id !== 'string' || !ID_RE.test(g.id))
      errors.push(`${path}.id: must be 1-64 letters, digits or _ . : -`);
    else if (ids.has(g.id))
      errors.push(`${path}.id: "${g.id}" is used by another group or pattern`);
    else ids.add(g.id);
    if (g.builtin !== undefined && !oneOf(g.builtin, BUILTIN_KEYWORDS))
      errors.push(`${path}.builtin: must be one of ${BUILTIN_KEYWORDS.join(', ')}`);
    if (
      g.words !== undefined &&
      (!Array.isArray(g.words) || !g.words.every((w) => typeof w === 'string'))
    )
      errors.push(`${path}.words: must be a list of strings`);
    if (g.words === undefined && g.builtin === undefined)
      errors.push(`${path}: needs words, a builtin list, or both`);
    for (const k of Object.keys(g))
      if (k !== 'id' && k !== 'words' && k !== 'builtin')
        errors.push(`${path}.${k}: unknown field`);
    const spec: KeywordGroupSpec = { id: String(g.id) };
    if (Array.isArray(g.words)) spec.words = g.words as string[];
    if (oneOf(g.builtin, BUILTIN_KEYWORDS)) spec.builtin = g.builtin;
    out.push(spec);
  });
  if (errors.length > before) return [];
  try {
    createKeywordMatcher(keywordGroups(out));
  } catch (e) {
    if (!(e instanceof KeywordError)) throw e;
    errors.push(`keywords: ${e.message}`);
    return [];
  }
  return out;
}

/** Admin patterns: ids, and a source the linear-time matcher accepts. */
function checkPatterns(v: unknown, errors: string[], ids: Set<string>): PatternSpec[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    errors.push('patterns: must be a list of patterns');
    return [];
  }
  const out: PatternSpec[] = [];
  v.forEach((p, i) => {
    const path = `patterns[${i}]`;
    if (!isObject(p)) return errors.push(`${path}: must be an object`);
    const before = errors.length;
    if (typeof p.id !== 'string' || !ID_RE.test(p.id))
      errors.push(`${path}.id: must be 1-64 letters, digits or _ . : -`);
    else if (ids.has(p.id))
      errors.push(`${path}.id: "${p.id}" is used by another group or pattern`);
    else ids.add(p.id);
    if (typeof p.pattern !== 'string') errors.push(`${path}.pattern: must be a string`);
    if (p.flags !== undefined && typeof p.flags !== 'string')
      errors.push(`${path}.flags: must be a string such as "i"`);
    for (const k of Object.keys(p))
      if (k !== 'id' && k !== 'pattern' && k !== 'flags')
        errors.push(`${path}.${k}: unknown field`);
    if (errors.length > before) return;
    const spec: PatternSpec = { id: p.id as string, pattern: p.pattern as string };
    if (typeof p.flags === 'string') spec.flags = p.flags;
    const compiled = compileAdminPattern(spec.pattern, { id: spec.id, flags: spec.flags ?? '' });
    if (!compiled.ok) errors.push(`${path}.pattern ('${spec.id}'): ${compiled.error}`);
    else out.push(spec);
  });
  return out;
}

/** The client list: a key in hex and a list file that loads with it (format, checksum, key). */
function checkClientList(v: unknown, errors: string[]): ClientListSpec | undefined {
  if (v === undefined) return undefined;
  if (!isObject(v)) {
    errors.push('clientList: must be an object {"key": "<hex>", "list": <the hashed list file>}');
    return undefined;
  }
  const before = errors.length;
  if (typeof v.key !== 'string') errors.push('clientList.key: must be the list key as hex text');
  if (typeof v.list !== 'string' && !isObject(v.list))
    errors.push('clientList.list: must be the file written by `clientguard clients hash`');
  for (const k of Object.keys(v))
    if (k !== 'key' && k !== 'list') errors.push(`clientList.${k}: unknown field`);
  if (errors.length > before) return undefined;
  const spec: ClientListSpec = { key: v.key as string, list: v.list as ClientListSpec['list'] };
  try {
    loadClientList(clientListText(spec), spec.key);
  } catch (e) {
    if (!(e instanceof ClientListError)) throw e;
    errors.push(`clientList: ${e.message}`);
    return undefined;
  }
  return spec;
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
  const matcherIds = new Set<string>();
  const keywords = checkKeywords(input.keywords, errors, matcherIds);
  const patterns = checkPatterns(input.patterns, errors, matcherIds);
  const clientList = checkClientList(input.clientList, errors);
  rules.forEach((r, i) =>
    r.groups?.forEach((g, j) => {
      if (!matcherIds.has(g))
        errors.push(`rules[${i}].groups[${j}]: no keyword group or pattern has the id "${g}"`);
    }),
  );
  const known = new Set([
    'version',
    'name',
    'approvedSites',
    'rules',
    'logAllowed',
    'keywords',
    'patterns',
    'clientList',
    '$schema',
  ]);
  for (const k of Object.keys(input)) if (!known.has(k)) errors.push(`${k}: unknown field`);
  if (errors.length > 0) return { ok: false, errors };
  const policy: Policy = {
    version: POLICY_VERSION,
    name: typeof input.name === 'string' ? input.name : 'Unnamed policy',
    approvedSites,
    rules,
  };
  if (typeof input.logAllowed === 'boolean') policy.logAllowed = input.logAllowed;
  if (input.keywords !== undefined) policy.keywords = keywords;
  if (input.patterns !== undefined) policy.patterns = patterns;
  if (clientList) policy.clientList = clientList;
  return { ok: true, policy };
}
