/** Size of the built content script (what every frame parses), raw and gzip. */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bytes, type Report } from './report';

export const CONTENT_SCRIPT = '.output/chrome-mv3/content-scripts/content.js';

/** Prints the sizes, or how to build when there is no build (the bench never builds it). */
export function benchContentSize(root: string, report: Report): void {
  report.section(`Content script (${CONTENT_SCRIPT})`);
  const file = join(root, CONTENT_SCRIPT);
  let code: Buffer;
  try {
    code = readFileSync(file);
  } catch {
    report.row('content script, gzip', 'not built, run npm run build');
    return;
  }
  report.note(`built ${statSync(file).mtime.toISOString()} (a stale build shows old figures)`);
  report.row('content script, raw', bytes(code.length));
  report.row('content script, gzip -9', bytes(gzipSync(code, { level: 9 }).length));
}
