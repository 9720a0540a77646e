/**
 * Detection over very large text without freezing the page: the text is scanned in chunks
 * that overlap by `overlap` characters, yielding to the event loop between chunks. A finding
 * is kept by the chunk in which it starts (outside the overlap), so none is reported twice
 * and none shorter than the overlap is missed at a boundary. Pure: the yield is injected.
 */
import type { DetectResult, Detector, Finding, FindingType } from './types';

export interface ChunkOptions {
  chunk?: number;
  overlap?: number;
  /** Resolves when the caller may continue (e.g. a setTimeout(0) in a page). */
  pause?: () => Promise<void>;
}

export async function detectChunked(
  detector: Detector,
  text: string,
  { chunk = 256 * 1024, overlap = 4096, pause = () => Promise.resolve() }: ChunkOptions = {},
): Promise<DetectResult> {
  if (text.length <= chunk + overlap) return detector.detect(text);
  const findings: Finding[] = [];
  let truncated = false;
  for (let s = 0; s < text.length; s += chunk) {
    const last = s + chunk >= text.length;
    const r = detector.detect(text.slice(s, s + chunk + overlap));
    truncated ||= r.truncated;
    for (const f of r.findings) {
      if (!last && f.start >= chunk) continue;
      findings.push({ ...f, start: f.start + s, end: f.end + s });
    }
    if (!last) await pause();
  }
  // Distinct values across chunks, by masked form (raw values do not leave the engine).
  const seen = new Set<string>();
  const counts: Partial<Record<FindingType, number>> = {};
  for (const f of findings) {
    const key = `${f.type}\u0000${f.masked}`;
    if (seen.has(key)) continue;
    seen.add(key);
    counts[f.type] = (counts[f.type] ?? 0) + 1;
  }
  return { findings, counts, truncated };
}
