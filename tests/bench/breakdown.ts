/**
 * Where the engine's time goes: each registered detector alone over the pieces, the whole
 * set, and the client-list matcher's normalisation step alone. Diagnostic notes only (no
 * targets); best of two passes, since the question is the code's cost, not the machine's noise.
 */
import { DETECTORS, createDetector, normaliseText } from 'clientguard/detect';
import type { BenchContext } from './context';
import { timePasses } from './measure';
import { fmt, type Report } from './report';
import { mbPerSecond } from './stats';

/** Prints the per-detector costs, most expensive first. */
export function benchBreakdown(ctx: BenchContext, report: Report): void {
  report.section(
    'Where the engine time goes (each part alone, best of 2 passes, ms per corpus pass)',
  );
  const best = (fn: (p: string) => number): number =>
    Math.min(...timePasses(ctx.pieces, fn, { runs: 2, warmup: 1 }).passMs);
  const rows: [string, number][] = DETECTORS.map((def) => {
    const d = createDetector({ detectors: [def] });
    return [def.type, best((p) => d.detect(p).findings.length)];
  });
  rows.sort((a, b) => b[1] - a[1]);
  const all = createDetector();
  const allMs = best((p) => all.detect(p).findings.length);
  const sum = rows.reduce((a, [, ms]) => a + ms, 0);
  report.note(
    `all ${DETECTORS.length} detectors together: ${fmt(allMs, 0)} ms (${fmt(mbPerSecond(ctx.totalBytes, allMs))} MB/s); alone they add up to ${fmt(sum, 0)} ms`,
  );
  for (let i = 0; i < rows.length; i += 3) {
    report.note(
      rows
        .slice(i, i + 3)
        .map(([type, ms]) => `${type.padEnd(16)} ${fmt(ms, 0).padStart(5)} ms`)
        .join('   '),
    );
  }
  const normMs = best((p) => normaliseText(p).length);
  report.note(
    `client-list normaliseText alone: ${fmt(normMs, 0)} ms (${fmt(mbPerSecond(ctx.totalBytes, normMs))} MB/s)`,
  );
}
