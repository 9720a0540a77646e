/**
 * The log event: what one decision leaves behind. It holds types, counts, masked forms and
 * digests, never a raw value. `fromDecision` is the only way content scripts' reports become
 * events; the background fills in what only it can know (time, tab origin, frame URL, chain).
 */
import { FINDING_TYPES, type FindingType } from '../detect/types';
import { maskValue } from '../mask';
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

/** Strips query and fragment (they often hold tokens and search terms), and credentials. */
export function stripUrl(url: string): string {
  try {
    const u = new URL(url);
    // The body of a data: URL is the document itself (it can hold anything): keep its type.
    if (u.protocol === 'data:') return `data:${u.pathname.split(/[,;]/)[0]!.slice(0, 64)}`;
    if (u.protocol === 'about:' || u.protocol === 'blob:')
      return `${u.protocol}${u.pathname.slice(0, 200)}`;
    // file: and (in some engines) extension URLs have the opaque origin "null": rebuild them.
    if (u.origin === 'null') {
      u.username = '';
      u.password = '';
      u.search = '';
      u.hash = '';
      return u.href;
    }
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

/** Private keys have no masked form with stars, only this fixed marker. */
const PRIVATE_KEY_MARKER = maskValue('PRIVATE_KEY', '');
/** Most characters maskValue leaves visible (`3301**********1234`), an e-mail's domain aside. */
const MAX_SHOWN = 8;
/** Longest text a paste can carry (beyond any browser's string limit), and so any count. */
const MAX_LENGTH = 2 ** 30;
const ID_RE = /^[A-Za-z0-9_.:-]{1,64}$/;
const POLICY_ID_RE = /^[0-9a-f]{8}$/;

/**
 * Whether `m` has the shape of a masked form of a `type` value: starred, with at most
 * MAX_SHOWN characters visible (dots and the ellipsis aside; for e-mail, outside the domain).
 */
function isMaskedForm(type: FindingType, m: unknown): m is string {
  if (typeof m !== 'string' || m.length > 80 || /\p{Cc}/u.test(m)) return false;
  if (m === PRIVATE_KEY_MARKER) return type === 'PRIVATE_KEY';
  const part = type === 'EMAIL' ? m.replace(/@[^@]*$/, '') : m;
  if (!part.includes('*')) return false;
  return [...part.replace(/[*.…]/g, '')].length <= MAX_SHOWN;
}

/**
 * Checks a report from a content script. Masked forms must be starred with little left
 * visible (or be the fixed private-key marker), and ids and numbers must have their narrow
 * shapes, so that a compromised or buggy sender cannot smuggle a raw value into the log.
 */
export function validateReport(v: unknown): DecisionReport | null {
  if (typeof v !== 'object' || v === null) return null;
  const r = v as Record<string, unknown>;
  if (typeof r.reportId !== 'string' || !/^[A-Za-z0-9-]{8,64}$/.test(r.reportId)) return null;
  // Policy events are written by the background itself, never reported by a page's frame.
  if (r.kind !== 'paste' && r.kind !== 'drop') return null;
  if (!(ACTIONS as readonly string[]).includes(r.action as string)) return null;
  if (r.ruleId !== null && (typeof r.ruleId !== 'string' || !ID_RE.test(r.ruleId))) return null;
  if (typeof r.policyId !== 'string' || !POLICY_ID_RE.test(r.policyId)) return null;
  const length = r.length;
  if (typeof length !== 'number' || !Number.isInteger(length) || length < 0 || length > MAX_LENGTH)
    return null;
  if (!Array.isArray(r.findings) || r.findings.length > FINDING_TYPES.length) return null;
  const findings: FindingSummary[] = [];
  const seen = new Set<string>();
  for (const f of r.findings as unknown[]) {
    if (typeof f !== 'object' || f === null) return null;
    const s = f as Record<string, unknown>;
    if (!(FINDING_TYPES as readonly string[]).includes(s.type as string)) return null;
    const type = s.type as FindingType;
    if (seen.has(type)) return null;
    seen.add(type);
    // Each distinct value takes at least one character of the text.
    if (typeof s.count !== 'number' || !Number.isInteger(s.count) || s.count < 0) return null;
    if (s.count > length) return null;
    if (!Array.isArray(s.masked) || s.masked.length > MAX_MASKED) return null;
    const masked: string[] = [];
    for (const m of s.masked as unknown[]) {
      if (!isMaskedForm(type, m)) return null;
      masked.push(m);
    }
    findings.push({ type, count: s.count, masked });
  }
  return {
    reportId: r.reportId,
    kind: r.kind,
    action: r.action as Action,
    ruleId: r.ruleId as string | null,
    policyId: r.policyId,
    findings,
    length,
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
