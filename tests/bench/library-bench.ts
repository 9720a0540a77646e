/**
 * The competitor libraries on the same pieces as the engine. Each runs over the pieces in
 * order within a time budget; its MB/s is compared with the engine's on exactly the pieces it
 * covered (median over the engine's passes of its time on those pieces), so a slow library that only gets through the
 * first part of the corpus is still compared like with like.
 */
import { type BenchContext, prefixBytes } from './context';
import { prefixMedianMs, type EngineFigures } from './engine-bench';
import { loadLibraries } from './libraries';
import { timeCapped } from './measure';
import { fmt, times, type Report } from './report';
import { mbPerSecond } from './stats';

/** The engine (with the client list) must be at least this many times the fastest library. */
const LIBRARY_TARGET = 10;

/** Times every library that runs here; prints each and the ratio to the fastest. */
export async function benchLibraries(
  ctx: BenchContext,
  engine: EngineFigures,
  report: Report,
): Promise<void> {
  const budget = ctx.settings.libraryBudgetMs;
  report.section(
    `npm PII libraries on the same pieces (each up to ${fmt(budget / 1000, 0)} s; engine with list compared on the pieces each covered)`,
  );
  const { libraries, skipped } = await loadLibraries();
  let fastest: { name: string; mbs: number; cpuMbs: number; engineMbs: number } | null = null;
  for (const lib of libraries) {
    const r = timeCapped(ctx.pieces, lib.run, { budgetMs: budget, minPieces: 5, warmupPieces: 3 });
    const b = prefixBytes(ctx, r.pieces);
    const mbs = mbPerSecond(b, r.ms);
    const cpuMbs = mbPerSecond(b, r.cpuMs);
    const engineMbs = mbPerSecond(b, prefixMedianMs(engine.listTimes, r.pieces));
    report.row(`${lib.name} (MB/s)`, fmt(mbs, 2));
    report.note(
      `${lib.call}; ${r.pieces}/${ctx.pieces.length} pieces; cpu ${fmt(cpuMbs, 2)} MB/s; engine on them ${fmt(engineMbs)} MB/s = ${times(engineMbs / mbs)}; import+setup ${fmt(lib.loadMs, 0)} ms`,
    );
    if (!fastest || mbs > fastest.mbs) fastest = { name: lib.name, mbs, cpuMbs, engineMbs };
  }
  for (const s of skipped) report.note(`skipped ${s.name}: ${s.reason}`);
  if (!fastest) {
    report.row('engine / fastest library', 'n/a', `>= ${LIBRARY_TARGET}x`, null);
    return;
  }
  report.row('fastest library (MB/s)', fmt(fastest.mbs, 2));
  report.note(
    `fastest: ${fastest.name}; on CPU time engine with list / fastest = ${times(engine.listCpuMBs / fastest.cpuMbs)}`,
  );
  const ratio = fastest.engineMbs / fastest.mbs;
  report.row(
    'engine with list / fastest library',
    times(ratio),
    `>= ${LIBRARY_TARGET}x`,
    ratio >= LIBRARY_TARGET,
  );
}
