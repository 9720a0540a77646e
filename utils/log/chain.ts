/**
 * The log is a hash chain: each event's `hash` is SHA-256 over its canonical form, which
 * includes the previous event's hash. Removing, reordering or editing an event breaks every
 * hash after it, so an exported log can be verified offline (`verifyChain`).
 * Uses WebCrypto (`crypto.subtle`), present in extension pages, workers and Node ≥ 20.
 */
import type { LogEvent } from './event';

export type UnhashedEvent = Omit<LogEvent, 'hash'>;

/** Canonical JSON: keys sorted at every level, no whitespace. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The hash of an event (every field but `hash` itself, and the database's `id`). */
export function hashEvent(event: UnhashedEvent): Promise<string> {
  const { ...rest } = event as UnhashedEvent & { hash?: string; id?: number };
  delete rest.hash;
  delete rest.id;
  return sha256Hex(canonicalJson(rest));
}

export type ChainProblem = { seq: number; problem: string };

/**
 * Verifies a chain given oldest first. Returns the problems found (empty when intact). The
 * chain must start at event 1, so cutting the oldest events is reported like any other gap;
 * cutting the newest ones can only be seen against a count or hash kept elsewhere.
 */
export async function verifyChain(events: readonly LogEvent[]): Promise<ChainProblem[]> {
  const problems: ChainProblem[] = [];
  let prev: LogEvent | null = null;
  const first = events[0];
  if (first && first.seq !== 1)
    problems.push({ seq: first.seq, problem: `starts at event ${first.seq}, not 1` });
  else if (first && first.prevHash !== '')
    problems.push({ seq: 1, problem: 'first event names a previous hash' });
  for (const e of events) {
    if (prev && e.seq !== prev.seq + 1)
      problems.push({ seq: e.seq, problem: `gap after event ${prev.seq}` });
    if (prev && e.prevHash !== prev.hash)
      problems.push({ seq: e.seq, problem: 'previous hash does not match' });
    if ((await hashEvent(e)) !== e.hash)
      problems.push({ seq: e.seq, problem: 'event was altered' });
    prev = e;
  }
  return problems;
}
