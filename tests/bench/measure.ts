/**
 * Timing loops over the 10 KB pieces of the corpus. Every loop feeds each result into a sink
 * that is returned, so the JIT cannot drop the work being measured.
 */
import { collectGarbage, msSince } from './stats';

/** Per-piece times of several passes over the same pieces. */
export interface PieceTimes {
  /** Number of timed passes. */
  runs: number;
  /** Number of pieces per pass. */
  pieces: number;
  /** Time of piece i in pass r at [r * pieces + i] (ms). */
  ms: Float64Array;
  /** Total time of each pass (ms). */
  passMs: number[];
  /** CPU time this process spent in each pass (ms; see `cpuMsSince`). */
  passCpuMs: number[];
  sink: number;
}

/**
 * CPU time (user + system, all threads of this process) since `start`, in ms. The bench's
 * work is single-threaded, so this is close to the time the pass would take on an idle
 * machine: it does not count time spent waiting for a core that another process held. (GC
 * helper threads make it slightly larger than the main thread's own time.)
 */
export function cpuMsSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

/**
 * Runs `fn` over every piece, `warmup` untimed passes then `runs` timed ones, timing each
 * call. A full GC before each timed pass keeps one pass's garbage out of the next one's times.
 */
export function timePieces(
  pieces: readonly string[],
  fn: (piece: string) => number,
  opts: { runs: number; warmup: number },
): PieceTimes {
  let sink = 0;
  for (let w = 0; w < opts.warmup; w++) for (const p of pieces) sink += fn(p);
  const ms = new Float64Array(opts.runs * pieces.length);
  const passMs: number[] = [];
  const passCpuMs: number[] = [];
  for (let r = 0; r < opts.runs; r++) {
    collectGarbage();
    const cpu = process.cpuUsage();
    let total = 0;
    for (let i = 0; i < pieces.length; i++) {
      const t0 = process.hrtime.bigint();
      sink += fn(pieces[i]!);
      const t = msSince(t0);
      ms[r * pieces.length + i] = t;
      total += t;
    }
    passMs.push(total);
    passCpuMs.push(cpuMsSince(cpu));
  }
  return { runs: opts.runs, pieces: pieces.length, ms, passMs, passCpuMs, sink };
}

/**
 * Times whole passes only (one clock reading per pass): for loops so cheap per piece that a
 * clock call per piece would be a large share of what is measured.
 */
export function timePasses(
  pieces: readonly string[],
  fn: (piece: string) => number,
  opts: { runs: number; warmup: number },
): { passMs: number[]; passCpuMs: number[]; sink: number } {
  let sink = 0;
  for (let w = 0; w < opts.warmup; w++) for (const p of pieces) sink += fn(p);
  const passMs: number[] = [];
  const passCpuMs: number[] = [];
  for (let r = 0; r < opts.runs; r++) {
    collectGarbage();
    const cpu = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (const p of pieces) sink += fn(p);
    passMs.push(msSince(t0));
    passCpuMs.push(cpuMsSince(cpu));
  }
  return { passMs, passCpuMs, sink };
}

/** Median over the passes of each piece's time: the typical cost of piece i (ms). */
export function perPieceMedian(t: PieceTimes): Float64Array {
  const out = new Float64Array(t.pieces);
  const col = new Float64Array(t.runs);
  for (let i = 0; i < t.pieces; i++) {
    for (let r = 0; r < t.runs; r++) col[r] = t.ms[r * t.pieces + i]!;
    col.sort();
    const mid = t.runs >> 1;
    out[i] = t.runs % 2 === 1 ? col[mid]! : (col[mid - 1]! + col[mid]!) / 2;
  }
  return out;
}

/** Best (smallest) time of each piece over the passes: its cost with the noise taken out (ms). */
export function perPieceBest(t: PieceTimes): Float64Array {
  const out = new Float64Array(t.pieces).fill(Infinity);
  for (let r = 0; r < t.runs; r++)
    for (let i = 0; i < t.pieces; i++) out[i] = Math.min(out[i]!, t.ms[r * t.pieces + i]!);
  return out;
}

/**
 * Runs `fn` over the pieces in order, one timed call each, until all are done or `budgetMs`
 * is spent (at least `minPieces` are always run). For libraries too slow to run over the
 * whole corpus within the bench's time budget; the result says how much text was covered.
 */
export function timeCapped(
  pieces: readonly string[],
  fn: (piece: string) => number,
  opts: { budgetMs: number; minPieces: number; warmupPieces: number },
): { pieces: number; ms: number; cpuMs: number; sink: number } {
  let sink = 0;
  for (let i = 0; i < Math.min(opts.warmupPieces, pieces.length); i++) sink += fn(pieces[i]!);
  collectGarbage();
  const cpu = process.cpuUsage();
  let ms = 0;
  let n = 0;
  while (n < pieces.length && (ms < opts.budgetMs || n < opts.minPieces)) {
    const t0 = process.hrtime.bigint();
    sink += fn(pieces[n]!);
    ms += msSince(t0);
    n++;
  }
  return { pieces: n, ms, cpuMs: cpuMsSince(cpu), sink };
}
