/**
 * The 100,000-entry client list: file size, load time and memory in a fresh process (what a
 * new frame pays; with the platform's base64 decoder and with the plain-JS one older browsers
 * use), load time in a warm process, and the matcher alone per 10 KB piece.
 *
 * Everything comes from dist/detect.mjs (`clientguard/detect`), the same build as the engine.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildClientList,
  createClientListMatcher,
  loadClientList,
  type ClientList,
  type Matcher,
} from 'clientguard/detect';
import { generateClientEntries } from './client-entries';
import type { ColdLoad } from './cold-load';
import { createRandom } from './corpus';
import type { BenchContext } from './context';
import { timePieces } from './measure';
import { bytes, fmt, type Report } from './report';
import { collectGarbage, max, mbPerSecond, median, msSince, percentile } from './stats';

export const CLIENT_ENTRIES = 100_000;
/** Spec: 100,000 entries make a file of at most 4 MB (10^6 bytes each)... */
const FILE_TARGET_BYTES = 4_000_000;
/** ...loaded into a frame within 50 ms. */
const LOAD_TARGET_MS = 50;

const toHex = (b: Uint8Array): string =>
  Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** A fixed 32-byte key and salt, so every run builds the same file. */
function fixedBytes(n: number, seed: number): Uint8Array {
  const r = createRandom(seed);
  return Uint8Array.from({ length: n }, () => Math.floor(r() * 256));
}

export interface ClientListSetup {
  list: ClientList;
  matcher: Matcher;
}

/** Builds, stores, loads (cold and warm) and matches the list; prints the figures. */
export function benchClientList(
  ctx: BenchContext,
  env: { tmpDir: string; coldScript: string | null },
  report: Report,
): ClientListSetup {
  report.section(`Client list: ${CLIENT_ENTRIES.toLocaleString('en-US')} synthetic entries`);
  const entries = generateClientEntries(CLIENT_ENTRIES);
  const key = fixedBytes(32, 7);
  const t0 = process.hrtime.bigint();
  const built = buildClientList(entries, key, { salt: fixedBytes(16, 11) });
  const buildMs = msSince(t0);
  const s = built.stats;
  report.note(
    `entries written ${s.entries} (duplicates ${s.duplicates}, too short ${s.tooShort}, too long ${s.tooLong}); build ${fmt(buildMs, 0)} ms (offline, CLI)`,
  );
  const fileBytes = Buffer.byteLength(built.file, 'utf8');
  report.row(
    'file size',
    bytes(fileBytes),
    `<= ${bytes(FILE_TARGET_BYTES)}`,
    fileBytes <= FILE_TARGET_BYTES,
  );

  const listFile = join(env.tmpDir, 'clients.cglist');
  const keyFile = join(env.tmpDir, 'clients.key');
  writeFileSync(listFile, built.file);
  writeFileSync(keyFile, toHex(key));

  const cold = env.coldScript ? coldLoads(env.coldScript, listFile, keyFile, ctx, report) : [];
  const coldJs = env.coldScript
    ? coldLoads(env.coldScript, listFile, keyFile, ctx, report, ['--js-base64'])
    : [];
  if (cold.length > 0) {
    const loadMs = median(cold.map((c) => c.loadMs));
    const cpuMs = median(cold.map((c) => c.loadCpuMs));
    report.row(
      `load, fresh process (ms, median of ${cold.length})`,
      `${fmt(loadMs, 1)} (cpu ${fmt(cpuMs, 1)})`,
      `<= ${LOAD_TARGET_MS} ms`,
      loadMs <= LOAD_TARGET_MS,
    );
    if (coldJs.length > 0)
      report.row(
        `load, fresh process, plain-JS base64 (ms, median of ${coldJs.length})`,
        `${fmt(median(coldJs.map((c) => c.loadMs)), 1)} (cpu ${fmt(median(coldJs.map((c) => c.loadCpuMs)), 1)})`,
        `<= ${LOAD_TARGET_MS} ms`,
        median(coldJs.map((c) => c.loadMs)) <= LOAD_TARGET_MS,
      );
    report.note(
      'first load: Uint8Array.fromBase64 (current browsers) or Buffer (Node); second: the plain-JS decoder (no native base64 at all)',
    );
    report.row(
      'memory held by the loaded list (MB)',
      fmt(median(cold.map((c) => c.listBytes)) / 1e6, 2),
    );
    report.row(
      'first 10 KB paste in a fresh process (ms)',
      fmt(median(cold.map((c) => c.firstPasteMs)), 1),
    );
    report.note('first paste = createDetector with the list + detect + decide, cold code');
  }

  // Warm: the same process loads the list again and again (the code is compiled by now).
  const warm: number[] = [];
  let list = loadClientList(built.file, key);
  for (let i = 0; i < 7; i++) {
    collectGarbage();
    const t = process.hrtime.bigint();
    list = loadClientList(built.file, key);
    warm.push(msSince(t));
  }
  report.row('load, warm process (ms, median of 7)', fmt(median(warm), 1));

  const matcher = createClientListMatcher(list);
  const scan = (p: string): number => {
    let hits = 0;
    matcher.scan(p, () => hits++);
    return hits;
  };
  const m = timePieces(ctx.pieces, scan, { runs: ctx.settings.runs, warmup: ctx.settings.warmup });
  report.row('matcher alone (MB/s)', fmt(mbPerSecond(ctx.totalBytes, median(m.passMs))));
  report.row(
    'matcher alone per 10 KB, p50 / p95 / max (ms)',
    `${fmt(percentile(m.ms, 50), 3)} / ${fmt(percentile(m.ms, 95), 3)} / ${fmt(max(m.ms), 3)}`,
  );
  return { list, matcher };
}

function coldLoads(
  script: string,
  listFile: string,
  keyFile: string,
  ctx: BenchContext,
  report: Report,
  extra: string[] = [],
): ColdLoad[] {
  const out: ColdLoad[] = [];
  for (let i = 0; i < ctx.settings.coldLoads; i++) {
    const r = spawnSync(process.execPath, ['--expose-gc', script, listFile, keyFile, ...extra], {
      encoding: 'utf8',
    });
    if (r.status !== 0) {
      report.note(`cold load failed (exit ${String(r.status)}): ${r.stderr.split('\n')[0] ?? ''}`);
      return out;
    }
    out.push(JSON.parse(r.stdout.trim()) as ColdLoad);
  }
  return out;
}
