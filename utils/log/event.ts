/**
 * The log event: what one decision leaves behind. It holds types, counts, masked forms and
 * digests, never a raw value. `fromDecision` is the only way content scripts' reports become
 * events; the background fills in what only it can know (time, tab origin, frame URL, chain).
 */
import { FINDING_TYPES, type FindingType } from '../detect/types';
import { ACTIONS, type Action } from '../policy/types';

/** How the text arrived. */
export const EVENT_KINDS = ['paste', 'drop', 'policy'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface FindingSummary {
  type: FindingType;
  /** Distinct values of this type. */
  count: number;
  /** Up to MAX_MASKED distinct masked forms. */
  masked: string[];
}

/** What the content script reports (untrusted until `validateReport` accepts it). */
export interface DecisionReport {
  /** Random id chosen by the sender; a retried report is stored once. */
  reportId: string;
  kind: EventKind;
  action: Action;
  ruleId: string | null;
  policyId: string;
  findings: FindingSummary[];
  /** Characters in the pasted text. */
  length: number;
}

export interface LogEvent extends DecisionReport {
  /** Position in the chain, from 1. */
  seq: number;
  /** ISO 8601 UTC. */
  time: string;
  /** Origin of the tab's top-level page (from the browser, not the page). */
  site: string;
  /** URL of the frame without query or fragment. */
  frameUrl: string;
  /** For policy events: what happened (e.g. the validation errors), no client data. */
  detail?: string;
  /** Hash of the previous event (hex), '' for the first. */
  prevHash: string;
  /** SHA-256 (hex) over this event's canonical form including prevHash. */
  hash: string;
}

export const MAX_MASKED = 5;

/** Strips query and fragment (they often hold tokens and search terms). */
export function stripUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.protocol === 'about:' || u.protocol === 'data:' || u.protocol === 'blob:')
      return `${u.protocol}${u.pathname.slice(0, 64)}`;
    return `${u.origin}${u.pathname}`;
  } catch {
    return '';
  }
}

/** Origin of a URL, or '' when it has none. */
export function originOf(url: string | undefined): string {
  if (!url) return '';
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

const MASKED_RE = /^[^\n]{0,80}$/;

/**
 * Checks a report from a content script. Masked forms must contain a `*` (or be a fixed
 * marker) so that a compromised or buggy sender cannot smuggle a raw value into the log.
 */
export function validateReport(v: unknown): DecisionReport | null {
  if (typeof v !== 'object' || v === null) return null;
  const r = v as Record<string, unknown>;
  if (typeof r.reportId !== 'string' || !/^[A-Za-z0-9-]{8,64}$/.test(r.reportId)) return null;
  if (!(EVENT_KINDS as readonly string[]).includes(r.kind as string)) return null;
  if (!(ACTIONS as readonly string[]).includes(r.action as string)) return null;
  if (r.ruleId !== null && (typeof r.ruleId !== 'string' || r.ruleId.length > 64)) return null;
  if (typeof r.policyId !== 'string' || r.policyId.length > 64) return null;
  if (typeof r.length !== 'number' || !Number.isFinite(r.length) || r.length < 0) return null;
  if (!Array.isArray(r.findings) || r.findings.length > FINDING_TYPES.length) return null;
  const findings: FindingSummary[] = [];
  for (const f of r.findings as unknown[]) {
    if (typeof f !== 'object' || f === null) return null;
    const s = f as Record<string, unknown>;
    if (!(FINDING_TYPES as readonly string[]).includes(s.type as string)) return null;
    if (typeof s.count !== 'number' || !Number.isInteger(s.count) || s.count < 0) return null;
    if (!Array.isArray(s.masked) || s.masked.length > MAX_MASKED) return null;
    const masked: string[] = [];
    for (const m of s.masked) {
      if (typeof m !== 'string' || !MASKED_RE.test(m) || !m.includes('*')) return null;
      masked.push(m);
    }
    findings.push({ type: s.type as FindingType, count: s.count, masked });
  }
  return {
    reportId: r.reportId,
    kind: r.kind as EventKind,
    action: r.action as Action,
    ruleId: r.ruleId as string | null,
    policyId: r.policyId,
    findings,
    length: r.length,
  };
}

/** Summarises findings per type: distinct count and a few masked forms. */
export function summarise(
  findings: readonly { type: FindingType; masked: string }[],
): FindingSummary[] {
  const byType = new Map<FindingType, Set<string>>();
  for (const f of findings) {
    let set = byType.get(f.type);
    if (!set) byType.set(f.type, (set = new Set()));
    set.add(f.masked);
  }
  return [...byType].map(([type, set]) => ({
    type,
    count: set.size,
    masked: [...set].slice(0, MAX_MASKED),
  }));
}
