/**
 * What a notice says, as plain strings already in the user's language: built by the content
 * script of the frame that stopped the paste, and either shown there or — when that frame is
 * too small to show it (a chat widget, an embedded form) — relayed through the background to the
 * tab's top frame. Pure; `validateNoticeContent` checks a relayed one, since the background
 * passes it on to another frame.
 */
import { MAX_MASKED } from './log/event';

export interface NoticeContent {
  title: string;
  reason: string;
  /** Where it happened ("Site: chat.example.net", "In a frame of widget.example.net"). */
  where: string;
  /** The admin's message for the deciding rule, if any. */
  message: string | null;
  foundLabel: string;
  findings: { label: string; count: number; masked: string[] }[];
  ruleLabel: string;
  dismissLabel: string;
}

const TEXT_MAX = 600;

/** Control characters other than tab and line feed (U+0000–U+0008, U+000B–U+001F). */
function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10) return true;
  }
  return false;
}

const isText = (v: unknown, max = TEXT_MAX): v is string =>
  typeof v === 'string' && v.length <= max && !hasControl(v);

/** A relayed notice's content, or null when it is not one (then nothing is shown). */
export function validateNoticeContent(v: unknown): NoticeContent | null {
  if (typeof v !== 'object' || v === null) return null;
  const n = v as Record<string, unknown>;
  for (const k of ['title', 'reason', 'where', 'foundLabel', 'ruleLabel', 'dismissLabel'])
    if (!isText(n[k])) return null;
  if (n.message !== null && !isText(n.message)) return null;
  if (!Array.isArray(n.findings) || n.findings.length > 32) return null;
  const findings: NoticeContent['findings'] = [];
  for (const f of n.findings as unknown[]) {
    if (typeof f !== 'object' || f === null) return null;
    const { label, count, masked } = f as Record<string, unknown>;
    if (!isText(label, 100) || !Number.isInteger(count) || (count as number) < 0) return null;
    if (!Array.isArray(masked) || masked.length > MAX_MASKED) return null;
    // The same rule as the log's: a masked form shows its stars (a private key its marker).
    if (!masked.every((m) => isText(m, 80) && (m.includes('*') || m.includes('…')))) return null;
    findings.push({ label, count: count as number, masked: masked as string[] });
  }
  return {
    title: n.title as string,
    reason: n.reason as string,
    where: n.where as string,
    message: (n.message as string | null) ?? null,
    foundLabel: n.foundLabel as string,
    findings,
    ruleLabel: n.ruleLabel as string,
    dismissLabel: n.dismissLabel as string,
  };
}
