/**
 * Engine throughput and latency over the 10 KB pieces, without and with the client list, next
 * to a bare charCodeAt loop over the same pieces (the floor any scanner pays to read the text),
 * and the linearity check (one whole-corpus text against one 10 KB piece).
 */
import type { Detector } from 'clientguard/detect';
import { type BenchContext, PIECE_BYTES } from './context';
import { perPieceBest, perPieceMedian, timePasses, timePieces, type PieceTimes } from './measure';
import { fmt, times, type Report } from './report';
import { collectGarbage, max, mbPerSecond, median, msSince, percentile } from './stats';

/** What later sections need from this one. */
export interface EngineFigures {
  /** MB/s with the client list (the headline figure). */
  listMBs: number;
  /** The same on the CPU time of the median pass. */
  listCpuMBs: number;
  /** Per-piece times with the client list, to compare with others on the same pieces. */
  listTimes: PieceTimes;
}

/** Median over the passes of the time the first `k` pieces took (ms). */
export function prefixMedianMs(t: PieceTimes, k: number): number {
  const sums: number[] = [];
  for (let r = 0; r < t.runs; r++) {
    let ms = 0;
    for (let i = 0; i < k; i++) ms += t.ms[r * t.pieces + i]!;
    sums.push(ms);
  }
  return median(sums);
}

/** The floor: read every code unit once and fold it into a sum. */
function bareLoop(piece: string): number {
  let s = 0;
  for (let i = 0; i < piece.length; i++) s = (s + piece.charCodeAt(i)) | 0;
  return s;
}

/** Target for p95 per 10 KB piece (ms). */
const P95_TARGET_MS = 1;
/** The engine may take at most this many times the bare loop's time. */
const BARE_TARGET = 3;
/** Whole text / one piece may exceed the size ratio by at most this factor ("not more"). */
const LINEAR_TARGET = 1.25;

/** Runs the engine and bare-loop figures; prints them into `report`. */
export function benchEngine(
  ctx: BenchContext,
  detectors: { plain: Detector; withList: Detector },
  report: Report,
): EngineFigures {
  const { runs, warmup } = ctx.settings;
  const n = ctx.pieces.length;
  report.section(
    `Engine (dist/detect.mjs) over ${n} pieces of ~10 KB, ${fmt(ctx.totalBytes / 1e6, 2)} MB; median of ${runs} passes`,
  );

  let findings = 0;
  let clientHits = 0;
  for (const p of ctx.pieces) {
    const r = detectors.withList.detect(p);
    findings += r.findings.length;
    for (const f of r.findings) if (f.type === 'CLIENT_NAME') clientHits++;
  }
  report.note(
    `findings per pass with the list: ${findings} (of which CLIENT_NAME: ${clientHits}); 1 MB = 10^6 UTF-8 bytes`,
  );

  const opts = { runs, warmup };
  const plain = timePieces(ctx.pieces, (p) => detectors.plain.detect(p).findings.length, opts);
  const withList = timePieces(
    ctx.pieces,
    (p) => detectors.withList.detect(p).findings.length,
    opts,
  );
  const bare = timePasses(ctx.pieces, bareLoop, { runs: runs * 3, warmup: 3 });

  const mbs = (passMs: number[]) => mbPerSecond(ctx.totalBytes, median(passMs));
  const bestMbs = (passMs: number[]) => mbPerSecond(ctx.totalBytes, Math.min(...passMs));
  const plainMBs = mbs(plain.passMs);
  const listMBs = mbs(withList.passMs);
  const bareMBs = mbs(bare.passMs);
  // The median pass (wall clock) is the figure. The best pass and the CPU-time figure show how
  // much of it is the machine: on a shared machine the wall clock counts waits for a core.
  const show = (t: { passMs: number[]; passCpuMs: number[] }) =>
    `${fmt(mbs(t.passMs))} (best ${fmt(bestMbs(t.passMs))}, cpu ${fmt(mbs(t.passCpuMs))})`;
  report.row('engine, no client list (MB/s)', show(plain));
  report.row('engine, 100k client list (MB/s)', show(withList));
  report.row('bare charCodeAt loop (MB/s)', show(bare));
  report.row(
    'bare / engine with list (time ratio)',
    times(bareMBs / listMBs),
    `<= ${BARE_TARGET}x`,
    bareMBs / listMBs <= BARE_TARGET,
  );
  report.row('bare / engine, no list (time ratio)', times(bareMBs / plainMBs));
  report.note(
    `on CPU time: bare / engine with list ${times(mbs(bare.passCpuMs) / mbs(withList.passCpuMs))}, no list ${times(mbs(bare.passCpuMs) / mbs(plain.passCpuMs))}`,
  );

  report.row('per 10 KB with list, p50 (ms)', fmt(percentile(withList.ms, 50), 3));
  const p95 = percentile(withList.ms, 95);
  report.row(
    'per 10 KB with list, p95 (ms)',
    fmt(p95, 3),
    `< ${P95_TARGET_MS} ms`,
    p95 < P95_TARGET_MS,
  );
  report.row('per 10 KB with list, max (ms)', fmt(max(withList.ms), 3));
  report.row(
    'per 10 KB no list, p50 / p95 (ms)',
    `${fmt(percentile(plain.ms, 50), 3)} / ${fmt(percentile(plain.ms, 95), 3)}`,
  );
  // Noise (preemption, a GC) only ever adds time, so each piece's median or best over the
  // passes shows what the text itself costs at the tail, apart from the machine.
  const tail = (t: PieceTimes) =>
    `median ${fmt(percentile(perPieceMedian(t), 95), 3)} ms, best ${fmt(percentile(perPieceBest(t), 95), 3)} ms`;
  report.note(`p95 over pieces of each piece's median / best over the passes:`);
  report.note(`  with list: ${tail(withList)}; no list: ${tail(plain)}`);
  report.note(`pass times with list (ms): ${withList.passMs.map((t) => fmt(t, 0)).join(', ')}`);

  benchLinearity(ctx, detectors, report);
  return { listMBs, listCpuMBs: mbs(withList.passCpuMs), listTimes: withList };
}

/**
 * One whole-corpus text against the same text in 10 KB pieces (one pass; its mean piece is
 * "one 10 KB text"). The two are timed in turn, three rounds.
 */
function benchLinearity(
  ctx: BenchContext,
  detectors: { plain: Detector; withList: Detector },
  report: Report,
): void {
  const n = ctx.pieces.length;
  const sizeRatio = ctx.totalBytes / PIECE_BYTES;
  report.section(
    `Linearity: one ${fmt(ctx.totalBytes / 1e6, 2)} MB text vs one 10 KB text (size ratio ${fmt(sizeRatio, 0)}; best of 3 interleaved rounds)`,
  );
  for (const [name, d] of [
    ['with list', detectors.withList],
    ['no list', detectors.plain],
  ] as const) {
    d.detect(ctx.text); // warm-up at this size (large arrays, long runs)
    const big: number[] = [];
    const piece: number[] = [];
    const ratios: number[] = [];
    for (let r = 0; r < 3; r++) {
      collectGarbage();
      const t0 = process.hrtime.bigint();
      d.detect(ctx.text);
      big.push(msSince(t0));
      // One 10 KB text: the mean piece of one pass over all pieces.
      const pass = timePasses(ctx.pieces, (p) => d.detect(p).findings.length, {
        runs: 1,
        warmup: 0,
      });
      piece.push(pass.passMs[0]! / n);
      ratios.push(big[r]! / piece[r]!);
    }
    // Noise only ever adds time, and a busy spell hits one side of a round harder than the
    // other (the rounds' ratios swing by half on this machine), so the figure is the ratio of
    // the best times; the per-round ratios are printed for comparison.
    const ratio = Math.min(...big) / Math.min(...piece);
    report.row(
      `${name}: whole text (ms) / one 10 KB (ms), best`,
      `${fmt(Math.min(...big), 0)} / ${fmt(Math.min(...piece), 3)}`,
    );
    report.row(
      `${name}: ratio (expected ~${fmt(sizeRatio, 0)})`,
      fmt(ratio, 0),
      `<= ${fmt(sizeRatio * LINEAR_TARGET, 0)} (${LINEAR_TARGET}x size ratio)`,
      ratio <= sizeRatio * LINEAR_TARGET,
    );
    report.note(`${name}: ratios per round ${ratios.map((x) => fmt(x, 0)).join(', ')}`);
  }
}
