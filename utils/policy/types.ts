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
  action: Action;
  /** Shown to the user when this rule decides. */
  message?: LocalText;
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
}
