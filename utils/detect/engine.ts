/**
 * The detection engine: runs every registered detector over the text, validates candidates,
 * grades them by context, resolves overlaps (the more specific / better validated claim wins)
 * and counts distinct values per type. Pure and synchronous.
 *
 * Work is bounded: text beyond `maxChars` is not scanned and the result says `truncated`, so
 * callers can take their safe path (the content script never lets truncated text through).
 */
import type { DetectorDef } from './detector-def';
import { DETECTORS } from './registry';
import { maskValue } from '../mask';
import {
  confidenceRank,
  type DetectResult,
  type Detector,
  type Finding,
  type FindingType,
} from './types';

/**
 * A matcher that is not a regex detector: the client-list matcher, admin keywords and admin
 * patterns. It reports raw hits; the engine masks, resolves overlaps and counts them.
 */
export interface Matcher {
  /** Calls `emit` for every hit in `text`. Must be linear in the text length. */
  scan(text: string, emit: (hit: MatcherHit) => void): void;
}

export interface MatcherHit {
  type: FindingType;
  start: number;
  end: number;
  confidence: 'format' | 'validated' | 'context';
  /** Canonical value, used only for masking and distinct counting (never stored). */
  compact: string;
  /** Admin rule id for KEYWORD / CUSTOM_PATTERN hits. */
  rule?: string;
  /** Overlap priority (see DetectorDef.priority). */
  priority: number;
}

export interface DetectorOptions {
  /** Detectors to run; defaults to every registered one. */
  detectors?: readonly DetectorDef[];
  /** Extra matchers (client list, keywords, admin patterns), run after the detectors. */
  matchers?: readonly Matcher[];
  /** Longest text scanned in one call (UTF-16 code units). Default 8 MiB of characters. */
  maxChars?: number;
}

/** How far before a finding the engine looks for a context word (characters). */
const CONTEXT_WINDOW = 24;

interface Scored {
  finding: Finding;
  key: string;
  priority: number;
}

function hasContext(text: string, start: number, words: readonly string[] | undefined): boolean {
  if (!words || words.length === 0) return false;
  const before = text.slice(Math.max(0, start - CONTEXT_WINDOW), start).toLowerCase();
  for (const w of words) if (before.includes(w)) return true;
  return false;
}

function better(a: Scored, b: Scored): boolean {
  const ca = confidenceRank(a.finding.confidence);
  const cb = confidenceRank(b.finding.confidence);
  if (ca !== cb) return ca > cb;
  if (a.priority !== b.priority) return a.priority > b.priority;
  return a.finding.end - a.finding.start > b.finding.end - b.finding.start;
}

/** Keeps a non-overlapping subset, preferring better claims inside each overlapping cluster. */
function resolveOverlaps(all: Scored[]): Scored[] {
  all.sort((a, b) => a.finding.start - b.finding.start || b.finding.end - a.finding.end);
  const out: Scored[] = [];
  let i = 0;
  while (i < all.length) {
    let j = i + 1;
    let clusterEnd = all[i]!.finding.end;
    while (j < all.length && all[j]!.finding.start < clusterEnd) {
      clusterEnd = Math.max(clusterEnd, all[j]!.finding.end);
      j++;
    }
    if (j - i === 1) {
      out.push(all[i]!);
    } else {
      const cluster = all.slice(i, j).sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
      const kept: Scored[] = [];
      for (const c of cluster) {
        if (kept.every((k) => c.finding.end <= k.finding.start || c.finding.start >= k.finding.end))
          kept.push(c);
      }
      kept.sort((a, b) => a.finding.start - b.finding.start);
      out.push(...kept);
    }
    i = j;
  }
  return out;
}

/** Builds a reusable detector. Compile once (at policy load), call `detect` per paste. */
export function createDetector(options: DetectorOptions = {}): Detector {
  const defs = options.detectors ?? DETECTORS;
  const maxChars = options.maxChars ?? 8 * 1024 * 1024;
  const matchers = options.matchers ?? [];
  const patterns = defs.map((d) => new RegExp(d.pattern.source, d.pattern.flags));

  return {
    detect(input: string): DetectResult {
      const truncated = input.length > maxChars;
      const text = truncated ? input.slice(0, maxChars) : input;
      const scored: Scored[] = [];
      for (let d = 0; d < defs.length; d++) {
        const def = defs[d]!;
        const re = patterns[d]!;
        re.lastIndex = 0;
        for (let m = re.exec(text); m !== null; m = re.exec(text)) {
          const start = m.index;
          const end = start + m[0].length;
          const v = def.validate({ text, match: m[0], start, end });
          if (!v) continue;
          const type: FindingType = v.type ?? def.type;
          const confidence =
            v.confidence === 'validated' && hasContext(text, start, def.contextWords)
              ? 'context'
              : v.confidence;
          scored.push({
            finding: { type, start, end, confidence, masked: maskValue(type, v.compact) },
            key: `${type}\u0000${v.compact}`,
            priority: def.priority,
          });
        }
      }
      for (const matcher of matchers) {
        matcher.scan(text, (h) => {
          const finding: Finding = {
            type: h.type,
            start: h.start,
            end: h.end,
            confidence: h.confidence,
            masked: maskValue(h.type, h.compact),
          };
          if (h.rule !== undefined) finding.rule = h.rule;
          scored.push({ finding, key: `${h.type}\u0000${h.compact}`, priority: h.priority });
        });
      }
      const kept = resolveOverlaps(scored);
      const distinct = new Set<string>();
      const counts: Partial<Record<FindingType, number>> = {};
      for (const s of kept) {
        if (distinct.has(s.key)) continue;
        distinct.add(s.key);
        counts[s.finding.type] = (counts[s.finding.type] ?? 0) + 1;
      }
      return { findings: kept.map((s) => s.finding), counts, truncated };
    },
  };
}
