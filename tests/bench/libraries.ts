/**
 * The npm PII libraries the engine is compared with, each behind one call per 10 KB piece.
 * Each library has its own API; where it offers detection (find and report, text unchanged)
 * that is what is timed, since that is what the engine does; otherwise its redaction call.
 * A library that fails to load or to run on a probe text is skipped with the reason, so one
 * broken package does not stop the bench.
 */

/** One library, ready to run on a piece of text. */
export interface Library {
  /** Package name. */
  name: string;
  /** What is timed, e.g. `detectPII(text)`. */
  call: string;
  /** Runs the library on `text`; returns a number derived from the result (a sink). */
  run(text: string): number;
  /** Time to import the package and build its instance (ms), for the notes. */
  loadMs: number;
}

export interface SkippedLibrary {
  name: string;
  reason: string;
}

interface Candidate {
  name: string;
  call: string;
  load(): Promise<(text: string) => number>;
}

const CANDIDATES: readonly Candidate[] = [
  {
    name: '@coffeeandfun/remove-pii',
    call: 'detectPII(text)',
    async load() {
      const { detectPII } = await import('@coffeeandfun/remove-pii');
      return (text) => detectPII(text).totalMatches;
    },
  },
  {
    name: '@cdssnc/sanitize-pii',
    call: 'defaultSanitizer.detectPii(text)',
    async load() {
      const { defaultSanitizer } = await import('@cdssnc/sanitize-pii');
      return (text) => defaultSanitizer.detectPii(text).length;
    },
  },
  {
    name: 'redact-pii',
    // The package has no detection call; SyncRedactor.redact is its synchronous API.
    call: 'new SyncRedactor().redact(text)',
    async load() {
      const { SyncRedactor } = await import('redact-pii');
      const redactor = new SyncRedactor();
      return (text) => redactor.redact(text).length;
    },
  },
  {
    name: '@openredaction/openredaction',
    // detect() also builds the redacted text; there is no cheaper detection-only call.
    call: 'new OpenRedaction().detect(text)',
    async load() {
      const { OpenRedaction } = await import('@openredaction/openredaction');
      const shield = new OpenRedaction();
      return (text) => shield.detect(text).detections.length;
    },
  },
];

const PROBE = 'Call 138-1234-5678 or write to wei.zhang@example.com, card 4111 1111 1111 1111.';

/** Loads every library that imports and runs on this Node; the others come back as skipped. */
export async function loadLibraries(): Promise<{
  libraries: Library[];
  skipped: SkippedLibrary[];
}> {
  const libraries: Library[] = [];
  const skipped: SkippedLibrary[] = [];
  for (const c of CANDIDATES) {
    const t0 = process.hrtime.bigint();
    try {
      const run = await c.load();
      run(PROBE);
      const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
      libraries.push({ name: c.name, call: c.call, run, loadMs });
    } catch (e) {
      const reason = e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e);
      skipped.push({ name: c.name, reason: `failed on Node ${process.version}: ${reason}` });
    }
  }
  return { libraries, skipped };
}
