/**
 * Child process of the client-list section: a fresh node (cold JIT, empty heap), like a frame
 * that has just started, loads the list file once and handles one 10 KB paste.
 *
 *   node --expose-gc cold-load.mjs LIST_FILE KEY_FILE [--js-base64]
 *
 * `--js-base64` hides the native base64 decoders (Uint8Array.fromBase64, Buffer, atob) from
 * the loader first, so it takes its plain-JS decoder: the slowest path there is (a browser
 * without fromBase64 still has a native atob, which node's JS atob would misrepresent).
 *
 * Prints one JSON line: `ColdLoad` below. Reading the file from disk is not timed (a frame
 * gets the text from the background); parsing, decoding and checking it is.
 */
import { readFileSync } from 'node:fs';
import { createClientListMatcher, createDetector, loadClientList } from 'clientguard/detect';
import { generateCorpus, splitPieces } from './corpus';
import { BENCH_ORIGIN, PIECE_BYTES } from './context';
import { decide } from '../../utils/decide';
import { DEFAULT_POLICY, compilePolicy } from '../../utils/policy';
import { cpuMsSince } from './measure';
import { collectGarbage, heapBytes, msSince } from './stats';

/** What one cold load measured. */
export interface ColdLoad {
  entries: number;
  /** loadClientList(file, key), ms. */
  loadMs: number;
  /** The same on this process's CPU time (not counting waits for a core), ms. */
  loadCpuMs: number;
  /** Heap + array-buffer bytes the loaded list keeps. */
  listBytes: number;
  /** Build the detector with the list and decide one 10 KB paste, ms (cold code). */
  firstPasteMs: number;
}

function main(): void {
  const [listFile, keyFile] = process.argv.slice(2);
  if (!listFile || !keyFile) throw new Error('usage: cold-load.mjs LIST_FILE KEY_FILE');
  const contents = readFileSync(listFile, 'utf8');
  const key = readFileSync(keyFile, 'utf8').trim();
  const piece = splitPieces(generateCorpus(PIECE_BYTES).text, PIECE_BYTES)[0]!;
  if (process.argv.includes('--js-base64')) {
    // Only the loader looks these up (on globalThis, when it decodes); node's own modules
    // keep their references.
    (Uint8Array as { fromBase64?: unknown }).fromBase64 = undefined;
    (globalThis as { Buffer?: unknown }).Buffer = undefined;
    (globalThis as { atob?: unknown }).atob = undefined;
  }

  collectGarbage();
  const before = heapBytes();
  const cpu = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const list = loadClientList(contents, key);
  const loadMs = msSince(t0);
  const loadCpuMs = cpuMsSince(cpu);
  collectGarbage();
  const listBytes = heapBytes() - before;

  const t1 = process.hrtime.bigint();
  const detector = createDetector({ matchers: [createClientListMatcher(list)] });
  const policy = compilePolicy(DEFAULT_POLICY, 'default');
  const decision = decide(detector.detect(piece), BENCH_ORIGIN, policy);
  const firstPasteMs = msSince(t1);

  const out: ColdLoad & { action: string; fileChars: number } = {
    entries: list.entries,
    // Read after the second measurement so the file text is alive in both (it is not the list's).
    fileChars: contents.length,
    loadMs,
    loadCpuMs,
    listBytes,
    firstPasteMs,
    action: decision.action,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main();
