/**
 * The policy an admin writes (or the embedded default), version 1. Plain JSON so it can be
 * pushed through enterprise managed storage, stored, and diffed in review.
 */
import type { Confidence, FindingType } from '../detect/types';

export const POLICY_VERSION = 1;

/** What happens to a paste. Ordered from least to most severe (see ACTION_SEVERITY). */
export const ACTIONS = ['allow', 'warn', 'redact', 'block'] as const;
export type Action = (typeof ACTIONS)[number];

/** Localised text: English and Simplified Chinese. */
export interface LocalText {
  en?: string;
  zh_CN?: string;
}

/**
 * Which sites a rule applies to: `unapproved` (not in approvedSites, the usual case),
 * `approved`, `all`, or `hosts` (the rule's own `hosts` patterns).
 */
export const RULE_SITES = ['unapproved', 'approved', 'all', 'hosts'] as const;
export type RuleSites = (typeof RULE_SITES)[number];

export interface PolicyRule {
  /** Stable identifier, shown in the log (e.g. `block-identity-numbers`). */
  id: string;
  /** Default `unapproved`. */
  sites: RuleSites;
  /** Host patterns (as in approvedSites) when `sites` is `hosts`. */
  hosts?: string[];
  /** The rule matches when the text holds findings of any of these types… */
  types: FindingType[];
  /** …at least this many distinct values of them in total (default 1)… */
  minCount?: number;
  /** …counting only findings at least this confident (default `validated`). */
  minConfidence?: Confidence;
  /**
   * For KEYWORD and CUSTOM_PATTERN findings: count only those of these keyword groups or
   * patterns (their ids). Other types are not affected. Default: every group and pattern.
   */
  groups?: string[];
  action: Action;
  /** Shown to the user when this rule decides. */
  message?: LocalText;
}

/** Built-in keyword lists a group can start from. */
export const BUILTIN_KEYWORDS = ['classification-marks'] as const;
export type BuiltinKeywords = (typeof BUILTIN_KEYWORDS)[number];

/**
 * A group of admin keywords (KEYWORD findings): classification marks, project code names…
 * Matched case- and width-insensitively; Latin words on word boundaries, Chinese anywhere.
 */
export interface KeywordGroupSpec {
  /** Reported in the log as the finding's rule; rules select groups by it. */
  id: string;
  words?: string[];
  /** Adds a built-in list (`classification-marks`: 机密, 绝密, 秘密, 内部, 商业秘密, CONFIDENTIAL…). */
  builtin?: BuiltinKeywords;
}

/**
 * An admin regular expression (CUSTOM_PATTERN findings), in the linear-time subset of
 * JavaScript syntax (no back-references or look-around; see utils/detect/admin-pattern).
 */
export interface PatternSpec {
  id: string;
  pattern: string;
  /** Any of i, m, s. */
  flags?: string;
}

/**
 * The organisation's client list as produced by `clientguard clients hash` (keyed hashes
 * only) and the key it was hashed with. Matches are CLIENT_NAME findings.
 */
export interface ClientListSpec {
  /** The admin key, hex (at least 32 hex digits). */
  key: string;
  /** The list file: its JSON text, or the parsed object. */
  list: string | Record<string, unknown>;
}

export interface Policy {
  version: typeof POLICY_VERSION;
  /** Shown in the popup (e.g. "Acme default policy 2026-11"). */
  name: string;
  /**
   * Host patterns where client data belongs: `crm.example.com` (that host), `*.example.com`
   * (the domain and every subdomain), optionally with a port (`intranet.local:8443`).
   */
  approvedSites: string[];
  /** Every rule whose sites and condition match is a candidate; the most severe action wins. */
  rules: PolicyRule[];
  /** Whether pastes that no rule matches but that hold findings are logged (default true). */
  logAllowed?: boolean;
  keywords?: KeywordGroupSpec[];
  patterns?: PatternSpec[];
  clientList?: ClientListSpec;
}
