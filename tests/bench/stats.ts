/**
 * Clock and statistics helpers for the benchmark. Times are milliseconds as floats, read from
 * `process.hrtime.bigint()` (monotonic, nanosecond resolution).
 */

/** Milliseconds since `t0` (a `process.hrtime.bigint()` reading). */
export function msSince(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Median of the values (the mean of the two middle ones for an even count); NaN when empty. */
export function median(values: ArrayLike<number>): number {
  const s = Array.from(values).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile (`p` in 0..100) of the values; NaN when empty. */
export function percentile(values: ArrayLike<number>, p: number): number {
  const s = Array.from(values).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const rank = Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length)));
  return s[rank - 1]!;
}

/** Largest value; NaN when empty. */
export function max(values: ArrayLike<number>): number {
  let m = NaN;
  for (let i = 0; i < values.length; i++) if (!(values[i]! <= m)) m = values[i]!;
  return m;
}

/** Throughput in MB/s, where 1 MB = 10^6 bytes of UTF-8 text. */
export function mbPerSecond(bytes: number, ms: number): number {
  return bytes / 1e6 / (ms / 1000);
}

/** Runs a full garbage collection when node was started with --expose-gc; no-op otherwise. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
}

/** Bytes the JavaScript heap and array buffers hold right now (what a list adds to a frame). */
export function heapBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
