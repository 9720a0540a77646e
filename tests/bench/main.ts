/**
 * The benchmark run (`npm run bench`). scripts/bench.mjs rebuilds dist/detect.mjs, bundles this
 * file and starts it with --expose-gc:
 *
 *   node --expose-gc main.mjs --root DIR --tmp DIR [--cold COLD_LOAD_SCRIPT] [--quick]
 *
 * Order: corpus, client list (its cold loads run first, while this process is still small),
 * engine, linearity, decision, libraries (last: their imports and garbage must not disturb the
 * engine's figures), log, content script, summary. Exits 0 whatever the figures are.
 */
import { cpus, loadavg } from 'node:os';
import { createDetector } from 'clientguard/detect';
import { benchBreakdown } from './breakdown';
import { benchClientList } from './client-list-bench';
import { benchContentSize } from './content-size';
import { FULL, QUICK, createContext } from './context';
import { benchDecision } from './decision-bench';
import { DEFAULT_POLICY, compilePolicy } from '../../utils/policy';
import { benchEngine } from './engine-bench';
import { benchLibraries } from './library-bench';
import { benchLog } from './log-bench';
import { createReport, fmt } from './report';
import { msSince } from './stats';

function arg(name: string): string | null {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const quick = process.argv.includes('--quick');
  const root = arg('--root') ?? process.cwd();
  const tmpDir = arg('--tmp');
  if (!tmpDir) throw new Error('--tmp DIR is required (scripts/bench.mjs passes it)');
  const settings = quick ? QUICK : FULL;

  const report = createReport();
  const model = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `ClientGuard bench: node ${process.version}, ${cpus().length} x ${model}, load average ${loadavg()
      .map((l) => fmt(l, 2))
      .join(' ')}${quick ? ' (QUICK mode: smaller corpus, fewer runs; not the spec figures)' : ''}`,
  );
  if (!(globalThis as { gc?: unknown }).gc)
    console.log('warning: no --expose-gc; memory figures and GC between passes are off');

  const ctx = createContext(settings);
  console.log(
    `corpus: ${ctx.totalBytes.toLocaleString('en-US')} bytes UTF-8, ${ctx.text.length.toLocaleString('en-US')} UTF-16 units, ${ctx.pieces.length} pieces of ~10 KB (tests/bench/corpus.ts, fixed seed)`,
  );

  const clients = benchClientList(ctx, { tmpDir, coldScript: arg('--cold') }, report);
  const detectors = {
    plain: createDetector(),
    withList: createDetector({ matchers: [clients.matcher] }),
  };
  const engine = benchEngine(ctx, detectors, report);
  benchBreakdown(ctx, report);
  // What a frame really runs under the default policy: the list and the policy's keywords.
  const keywords = compilePolicy(DEFAULT_POLICY, 'default').keywords;
  benchDecision(ctx, createDetector({ matchers: [clients.matcher], keywords }), report);
  await benchLibraries(ctx, engine, report);
  benchLog(report);
  benchContentSize(root, report);
  report.summary();
  const wallMs = msSince(started);
  const cpu = process.cpuUsage(cpuStart);
  const cpuShare = (cpu.user + cpu.system) / 1000 / wallMs;
  const load = loadavg()
    .map((l) => fmt(l, 2))
    .join(' ');
  console.log(
    `bench took ${fmt(wallMs / 1000, 1)} s; this process used ${fmt(100 * cpuShare, 0)}% of one core over it (the bench is single-threaded: well under 100% means it waited for the CPU); load average now ${load} on ${cpus().length} cores`,
  );
}

await main();
